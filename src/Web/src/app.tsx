import { useEffect, useState } from "preact/hooks";
import { actFor, actingForMinor } from "./api";
import { type Session, resume, signIn, signOut } from "./auth";
import { follow, usePath } from "./router";
import { Documents } from "./screens/Documents";
import { ErrorMessage, Home } from "./screens/Home";
import { Agenda } from "./screens/Agenda";
import { Apps } from "./screens/Apps";
import { Children } from "./screens/Children";
import { Measurements } from "./screens/Measurements";
import { Messages } from "./screens/Messages";
import { Privacy } from "./screens/Privacy";
import { Profile } from "./screens/Profile";

/** The screens, by path; an unknown path shows the home. */
const screens = [
  { path: "/", label: "Accueil", screen: Home },
  { path: "/documents", label: "Documents", screen: Documents },
  { path: "/agenda", label: "Agenda", screen: Agenda },
  { path: "/messages", label: "Messagerie", screen: Messages },
  { path: "/profile", label: "Profil médical", screen: Profile },
  { path: "/measurements", label: "Mesures", screen: Measurements },
  { path: "/apps", label: "Applications", screen: Apps },
  { path: "/privacy", label: "Confidentialité", screen: Privacy },
  { path: "/children", label: "Mes enfants", screen: Children },
];

/** The tab's session: undefined while it resumes, null when signed out; a sign-in that failed is kept to be shown. */
export function useSession() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [failure, setFailure] = useState<Error | null>(null);
  useEffect(() => {
    resume().then(setSession, (e: Error) => {
      setFailure(e);
      setSession(null);
    });
  }, []);
  return { session, failure };
}

/** The skip link and the header, with the sign-out once signed in. */
export function Banner({ brand, signedIn }: { brand: string; signedIn: boolean }) {
  return (
    <>
      <a class="skip" href="#main">
        Aller au contenu
      </a>
      <header class="banner">
        <p class="brand">{brand}</p>
        {signedIn && (
          <button type="button" class="quiet" onClick={signOut}>
            Se déconnecter
          </button>
        )}
      </header>
    </>
  );
}

/** The shell: the signed-out welcome, or the header, the navigation and the screen. */
export function App() {
  const { session, failure } = useSession();
  const [space, setSpace] = useState(0);
  const path = usePath();
  const current = screens.find((s) => s.path === path) ?? screens[0];
  const Screen = current.screen;

  return (
    <>
      <Banner brand="Mon espace santé" signedIn={!!session} />
      {session && (
        <nav aria-label="Sections de mon espace">
          <ul>
            {screens.map((s) => (
              <li key={s.path}>
                <a href={s.path} aria-current={s === current ? "page" : undefined} onClick={(e) => follow(e, s.path)}>
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main">
        {failure && <ErrorMessage error={failure} />}
        {session === undefined && <p>Chargement…</p>}
        {session === null && <Welcome />}
        {session && actingForMinor() && (
          <p class="acting" role="status">
            Vous agissez pour l'enfant dont l'INS est {actingForMinor()}.{" "}
            <button type="button" class="quiet" onClick={() => (actFor(null), setSpace(space + 1))}>
              Revenir à mon espace
            </button>
          </p>
        )}
        {session && <Screen key={`${path}:${space}`} onSwitch={() => setSpace(space + 1)} />}
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
