import { signIn } from "./auth";
import { Banner, useSession } from "./app";
import { ErrorMessage } from "./screens/Home";
import { Waves } from "./screens/Waves";

/** The operators' page (`/operators`): an agent signs in at the agents' provider and follows the waves; uploads stay the CLI's. */
export function Operators() {
  const { session, failure } = useSession();
  return (
    <>
      <Banner brand="Mon espace santé — opérateurs" signedIn={!!session} />
      <main id="main">
        {failure && <ErrorMessage error={failure} />}
        {session === undefined && <p>Chargement…</p>}
        {session === null && (
          <section aria-labelledby="welcome-title" class="card">
            <h1 id="welcome-title">Espace des opérateurs</h1>
            <p>Le suivi des vagues d'ouverture : leurs effectifs, et la progression des envois en cours.</p>
            <button type="button" class="primary" onClick={() => void signIn()}>
              Se connecter
            </button>
          </section>
        )}
        {session && <Waves />}
      </main>
    </>
  );
}
