import { useEffect, useState } from "preact/hooks";
import { actFor, actingForMinor, api } from "../api";
import { navigate } from "../router";
import { ErrorMessage } from "./Home";

/** "mars 2019", from the year and month of birth an INS carries (the century from today: a minor is born this one). */
function bornIn(ins: string): string {
  const month = Number(ins.slice(3, 5));
  const year = 2000 + Number(ins.slice(1, 3));
  return month >= 1 && month <= 12 ? new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric" }).format(new Date(year, month - 1, 1)) : "";
}

/** The minors the person represents: switching to one's space, and back to one's own. */
export function Children({ onSwitch }: { onSwitch: () => void }) {
  const [minors, setMinors] = useState<string[] | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    api<{ ins: string }[]>("/api/v1/me/represented", {}, true).then(
      (list) => setMinors(list.map((m) => m.ins)),
      (e: Error) => setError(e),
    );
  }, []);

  function open(ins: string | null) {
    actFor(ins);
    onSwitch();
    navigate("/");
  }

  return (
    <section aria-labelledby="children-title">
      <h1 id="children-title">Mes enfants</h1>
      <p>Vous pouvez consulter et gérer l'espace santé des mineurs dont vous êtes le représentant légal.</p>
      {error && <ErrorMessage error={error} />}
      {minors && minors.length === 0 && <p>Vous n'êtes le représentant légal d'aucun mineur.</p>}
      <ul class="documents" aria-label="Enfants">
        {(minors ?? []).map((ins) => (
          <li key={ins} class="card">
            <h2>Enfant né(e) en {bornIn(ins)}</h2>
            <p>INS {ins}</p>
            {actingForMinor() === ins ? (
              <p>Vous consultez son espace.</p>
            ) : (
              <button type="button" class="primary" onClick={() => open(ins)}>
                Accéder à son espace<span class="visually-hidden"> (INS {ins})</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {actingForMinor() && (
        <button type="button" onClick={() => open(null)}>
          Revenir à mon espace
        </button>
      )}
    </section>
  );
}
