import { useEffect, useState } from "preact/hooks";
import { type Session, resume, signIn, signOut } from "./auth";
import { ErrorMessage, Home } from "./screens/Home";

/** The shell: the signed-out welcome, or the header, the navigation and the screen. */
export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [failure, setFailure] = useState<Error | null>(null);

  useEffect(() => {
    resume().then(setSession, (e: Error) => {
      setFailure(e);
      setSession(null);
    });
  }, []);

  return (
    <>
      <a class="skip" href="#main">
        Aller au contenu
      </a>
      <header class="banner">
        <p class="brand">Mon espace santé</p>
        {session && (
          <button type="button" class="quiet" onClick={signOut}>
            Se déconnecter
          </button>
        )}
      </header>
      {session && (
        <nav aria-label="Sections de mon espace">
          <ul>
            <li>
              <a href="/" aria-current="page">
                Accueil
              </a>
            </li>
          </ul>
        </nav>
      )}
      <main id="main">
        {failure && <ErrorMessage error={failure} />}
        {session === undefined && <p>Chargement…</p>}
        {session === null && <Welcome />}
        {session && <Home />}
      </main>
    </>
  );
}

function Welcome() {
  return (
    <section aria-labelledby="welcome-title" class="card">
      <h1 id="welcome-title">Bienvenue dans Mon espace santé</h1>
      <p>Vos documents de santé, votre agenda, votre messagerie sécurisée et vos mesures, au même endroit.</p>
      <button type="button" class="primary" onClick={() => void signIn()}>
        Se connecter
      </button>
    </section>
  );
}
