import { useState } from "preact/hooks";
import { api, post, put } from "../api";
import { formatDay, formatMoment } from "../format";
import { useScreen } from "../screen";
import { ErrorMessage } from "./Home";

interface Entry {
  id: string;
  source: string;
  kind: string;
  title: string;
  start: string;
  location?: string | null;
  practitionerName?: string | null;
  status: string;
}

interface Reminder {
  code: string;
  title: string;
  dueFrom: string;
  dueBy: string;
  dueNow: boolean;
  reason: string;
  lastDose?: string | null;
}

type When = "upcoming" | "past";

/** Upcoming and past appointments, adding one, cancelling one's own, and the prevention reminders with their reasons. */
export function Agenda() {
  const [when, setWhen] = useState<When>("upcoming");
  const { data: page, error, setError, notice, change } = useScreen(
    () => api<{ entries: Entry[]; reminders: Reminder[] }>(`/api/v1/me/agenda?when=${when}&limit=100`),
    [when],
  );
  const entries = page?.entries ?? null;
  const reminders = page?.reminders ?? [];

  return (
    <section aria-labelledby="agenda-title">
      <h1 id="agenda-title">Mon agenda</h1>
      <p role="status" class="notice">{notice}</p>
      {error && <ErrorMessage error={error} />}
      <AddEntry onAdded={(title) => void change(async () => undefined, `« ${title} » est ajouté à votre agenda.`)} onError={setError} />
      <div class="card">
        <fieldset class="filters">
          <legend>Rendez-vous</legend>
          <label>
            <input type="radio" name="when" checked={when === "upcoming"} onChange={() => setWhen("upcoming")} />À venir
          </label>
          <label>
            <input type="radio" name="when" checked={when === "past"} onChange={() => setWhen("past")} />
            Passés
          </label>
        </fieldset>
        {entries && entries.length === 0 && <p>{when === "upcoming" ? "Aucun rendez-vous à venir." : "Aucun rendez-vous passé."}</p>}
        <ul class="documents" aria-label="Rendez-vous">
          {(entries ?? []).map((e) => (
            <li key={e.id} class="card">
              <h2>{e.title}</h2>
              <p>
                {e.kind === "Hospitalisation" ? "Hospitalisation" : "Rendez-vous"} le {formatMoment(e.start)}
                {e.location && `, ${e.location}`}
                {e.practitionerName && ` avec ${e.practitionerName}`}
                {e.status === "Cancelled" && <strong class="badge"> · annulé</strong>}
              </p>
              {e.source === "patient" && e.status !== "Cancelled" && when === "upcoming" && (
                <button type="button" onClick={() => void change(() => api(`/api/v1/me/agenda/${e.id}`, { method: "DELETE" }), `« ${e.title} » est annulé.`)}>
                  Annuler ce rendez-vous<span class="visually-hidden"> {e.title}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
      {when === "upcoming" && (
        <div class="card">
          <h2>Prévention</h2>
          {reminders.length === 0 && <p>Aucun rappel de prévention.</p>}
          <ul class="documents" aria-label="Rappels de prévention">
            {reminders.map((r) => (
              <li key={r.code} class="card">
                <h3>{r.title}</h3>
                <p>
                  {r.dueNow ? "À faire maintenant" : `À faire à partir du ${formatDay(r.dueFrom)}`}, avant le {formatDay(r.dueBy)}.
                </p>
                <p>Pourquoi ce rappel : {r.reason}</p>
                <button type="button" onClick={() => void change(() => put(`/api/v1/me/agenda/prevention/refused/${r.code}`), `Le rappel « ${r.title} » ne vous sera plus proposé.`)}>
                  Pas pour moi<span class="visually-hidden"> : {r.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function AddEntry({ onAdded, onError }: { onAdded: (title: string) => void; onError: (e: Error) => void }) {
  const [title, setTitle] = useState("");
  const [start, setStart] = useState("");
  const [location, setLocation] = useState("");
  const [busy, setBusy] = useState(false);

  async function add(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      await post("/api/v1/me/agenda", { title, start: new Date(start).toISOString(), kind: "appointment", location: location || undefined });
      onAdded(title);
      setTitle("");
      setStart("");
      setLocation("");
    } catch (e) {
      onError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card" onSubmit={add} aria-labelledby="add-entry-title">
      <h2 id="add-entry-title">Ajouter un rendez-vous</h2>
      <label class="field">
        Intitulé
        <input type="text" required maxLength={200} value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label class="field">
        Date et heure
        <input type="datetime-local" required value={start} onInput={(e) => setStart((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label class="field">
        Lieu (facultatif)
        <input type="text" maxLength={200} value={location} onInput={(e) => setLocation((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="primary" disabled={busy}>
        Ajouter
      </button>
    </form>
  );
}
