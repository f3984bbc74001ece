import { useState } from "preact/hooks";
import { ApiError, api, call, put, save } from "../api";
import { formatMoment } from "../format";
import { useScreen } from "../screen";
import { ErrorMessage } from "./Home";
import { describeHow, describeResource } from "../history";

interface Controls {
  blockedProfessionals: string[];
  emergencyAccessAllowed: boolean;
  breakGlassAllowed: boolean;
}

interface AccessRecord {
  id: number;
  at: string;
  role: string;
  actorId: string;
  action: string;
  resource: string;
  how: string;
}

const who = (r: AccessRecord) =>
  r.role === "Professional" ? `Professionnel (RPPS ${r.actorId})` : r.role === "App" ? `Application ${r.actorId}` : r.role === "Operator" ? "L'Assurance Maladie" : "Votre représentant légal";

const urgent = (r: AccessRecord) => r.how.includes("break-glass") || r.how.includes("emergency");

/** Who may reach the space in an emergency, blocked professionals, the access history, and the export of everything. */
export function Privacy() {
  const [rpps, setRpps] = useState("");
  const { data, error, setError, notice, change } = useScreen(async () => {
    const [controls, history] = await Promise.all([api<Controls>("/api/v1/me/controls"), api<{ records: AccessRecord[] }>("/api/v1/me/access-history?limit=50")]);
    return { controls, history: history.records };
  });
  const controls = data?.controls ?? null;
  const history = data?.history ?? [];

  function block(event: Event) {
    event.preventDefault();
    if (!/^[0-9]{11}$/.test(rpps)) {
      setError(new ApiError(400, "Un numéro RPPS a 11 chiffres."));
      return;
    }

    void change(() => put(`/api/v1/me/controls/blocked-professionals/${rpps}`), `Le professionnel ${rpps} ne peut plus accéder à votre espace.`).then(() => setRpps(""));
  }

  return (
    <section aria-labelledby="privacy-title">
      <h1 id="privacy-title">Confidentialité</h1>
      <p role="status" class="notice">{notice}</p>
      {error && <ErrorMessage error={error} />}
      {controls && (
        <div class="card">
          <h2>Accès en cas d'urgence</h2>
          <label class="check">
            <input
              type="checkbox"
              checked={controls.emergencyAccessAllowed}
              onChange={(e) => void change(() => put("/api/v1/me/controls/emergency-access", { allowed: (e.currentTarget as HTMLInputElement).checked }), "Votre choix est enregistré.")}
            />
            Autoriser le médecin régulateur du SAMU-Centre 15 à consulter mon espace en cas d'urgence
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={controls.breakGlassAllowed}
              onChange={(e) => void change(() => put("/api/v1/me/controls/break-glass", { allowed: (e.currentTarget as HTMLInputElement).checked }), "Votre choix est enregistré.")}
            />
            Autoriser l'accès « bris de glace » d'un professionnel quand ma vie est en danger
          </label>
          <h2>Professionnels bloqués</h2>
          {controls.blockedProfessionals.length === 0 ? (
            <p>Aucun professionnel bloqué.</p>
          ) : (
            <ul>
              {controls.blockedProfessionals.map((p) => (
                <li key={p}>
                  RPPS {p}{" "}
                  <button type="button" onClick={() => void change(() => api(`/api/v1/me/controls/blocked-professionals/${p}`, { method: "DELETE" }), `Le professionnel ${p} n'est plus bloqué.`)}>
                    Débloquer<span class="visually-hidden"> {p}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={block}>
            <label class="field">
              Numéro RPPS du professionnel à bloquer
              <input type="text" inputMode="numeric" autoComplete="off" value={rpps} onInput={(e) => setRpps((e.currentTarget as HTMLInputElement).value.trim())} />
            </label>
            <button type="submit">Bloquer</button>
          </form>
        </div>
      )}
      <Export />
      <div class="card">
        <h2>Historique des accès</h2>
        {history.length === 0 ? (
          <p>Personne d'autre que vous n'a accédé à votre espace.</p>
        ) : (
          <table>
            <caption class="visually-hidden">Qui a accédé à votre espace, le plus récent d'abord</caption>
            <thead>
              <tr>
                <th scope="col">Quand</th>
                <th scope="col">Qui</th>
                <th scope="col">Quoi</th>
                <th scope="col">Comment</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={r.id}>
                  <td>{formatMoment(r.at)}</td>
                  <td>{who(r)}</td>
                  <td>
                    {r.action === "read" ? "a consulté" : "a modifié"} {describeResource(r.resource)}
                  </td>
                  <td>{urgent(r) ? <strong class="badge">Accès en urgence ({describeHow(r.how)})</strong> : describeHow(r.how)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

/** The whole space as one FHIR file, with the bytes received shown as it streams. */
function Export() {
  const [received, setReceived] = useState<number | null>(null);
  const [finished, setFinished] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function run() {
    setError(null);
    setFinished(false);
    setReceived(0);
    try {
      const response = await call("/api/v1/me/export", { headers: { accept: "application/fhir+json" } });
      if (!response.body) throw new ApiError(response.status, "L'export n'a pas pu être préparé : réessayez plus tard.");
      const reader = response.body.getReader();
      const parts: Uint8Array[] = [];
      let total = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(value);
        total += value.length;
        setReceived(total);
      }

      save(new Blob(parts as BlobPart[], { type: "application/fhir+json" }), "mon-espace-sante.fhir.json");
      setFinished(true);
    } catch (e) {
      setError(e as Error);
      setReceived(null);
    }
  }

  return (
    <div class="card">
      <h2>Télécharger mes données</h2>
      <p>Tout votre espace (documents, agenda, messages, mesures, profil médical) en un fichier au format FHIR.</p>
      {error && <ErrorMessage error={error} />}
      <button type="button" class="primary" onClick={() => void run()}>
        Télécharger toutes mes données
      </button>
      <p role="status">{received === null ? "" : finished ? `Export terminé (${size(received)}).` : `${size(received)} reçus…`}</p>
    </div>
  );
}

const size = (bytes: number) =>
  bytes < 1024 ? `${bytes} octets` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} Ko` : `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
