import { useState } from "preact/hooks";
import { api } from "../api";
import { formatDay } from "../format";
import { useScreen } from "../screen";
import { ErrorMessage } from "./Home";

interface CatalogueApp {
  appId: string;
  name: string;
  editor: string;
  scopes: string[];
}

interface Consent {
  appId: string;
  scopes: string[];
  grantedAt: string;
  revokedAt?: string | null;
}

const rights: Record<string, string> = {
  "documents.read": "lire vos documents",
  "documents.write": "ajouter des documents",
  "agenda.read": "lire votre agenda",
  "agenda.write": "ajouter des rendez-vous",
};

/** A right in words: documents and agenda by name, measurements by kind. */
function right(scope: string): string {
  const [what, kind] = scope.split(":");
  if (rights[scope]) return rights[scope];
  if (what === "measurements.write") return `enregistrer vos mesures (${kind})`;
  if (what === "measurements.read") return `lire vos mesures (${kind})`;
  return scope;
}

/** The referenced apps, those connected with the rights they hold, and revocation (effective at once). */
export function Apps() {
  const [asking, setAsking] = useState<string | null>(null);
  const { data, error, notice, change } = useScreen(async () => {
    const [catalogue, mine] = await Promise.all([api<CatalogueApp[]>("/api/v1/catalogue/apps"), api<Consent[]>("/api/v1/me/consents")]);
    return { catalogue, consents: mine.filter((c) => !c.revokedAt) };
  });
  const catalogue = data?.catalogue ?? [];
  const consents = data?.consents ?? null;

  const revoke = (appId: string) =>
    change(() => api(`/api/v1/me/consents/${encodeURIComponent(appId)}`, { method: "DELETE" }).then(() => setAsking(null)), `${name(appId)} n'a plus accès à votre espace.`);

  const name = (appId: string) => catalogue.find((a) => a.appId === appId)?.name ?? appId;

  return (
    <section aria-labelledby="apps-title">
      <h1 id="apps-title">Applications</h1>
      <p role="status" class="notice">{notice}</p>
      {error && <ErrorMessage error={error} />}
      <h2>Applications connectées</h2>
      {consents && consents.length === 0 && <p>Aucune application n'est connectée à votre espace.</p>}
      <ul class="documents" aria-label="Applications connectées">
        {(consents ?? []).map((c) => (
          <li key={c.appId} class="card">
            <h3>{name(c.appId)}</h3>
            <p>Connectée le {formatDay(c.grantedAt)}. Elle peut : {c.scopes.map(right).join(", ")}.</p>
            {asking === c.appId ? (
              <div class="confirm">
                <p>{name(c.appId)} perdra aussitôt l'accès à votre espace.</p>
                <button type="button" class="primary" onClick={() => void revoke(c.appId)}>
                  Confirmer la révocation
                </button>
                <button type="button" onClick={() => setAsking(null)}>
                  Annuler
                </button>
              </div>
            ) : (
              <button type="button" onClick={() => setAsking(c.appId)}>
                Révoquer<span class="visually-hidden"> {name(c.appId)}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <h2>Catalogue des applications référencées</h2>
      <ul class="documents" aria-label="Catalogue">
        {catalogue.map((a) => (
          <li key={a.appId} class="card">
            <h3>{a.name}</h3>
            <p>
              Éditeur : {a.editor}. Peut demander : {a.scopes.map(right).join(", ")}.
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
