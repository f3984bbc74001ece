import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, api, post } from "../api";
import { formatDay, formatMoment } from "../format";

type Status = "NotNotified" | "Notified" | "Opposed" | "Active" | "Closed";

interface Space {
  status: Status;
  canOppose: boolean;
  oppositionDeadline?: string | null;
  activatedAt?: string | null;
  opposedAt?: string | null;
  closedAt?: string | null;
  archivedUntil?: string | null;
  erasureRequestedAt?: string | null;
  erasureDueAt?: string | null;
}

interface Summary {
  unread: number;
  appointments: { id: string; title: string; start: string }[];
  reminders: { code: string; title: string; reason: string }[];
}

type Action = "activation" | "opposition" | "closure";

const confirmations: Record<Action, { ask: string; confirm: string } | null> = {
  activation: null,
  opposition: {
    ask: "Votre espace ne sera pas créé. Vous pourrez toujours l'ouvrir plus tard si vous changez d'avis.",
    confirm: "Confirmer mon opposition",
  },
  closure: {
    ask: "Votre espace sera fermé : ses données sont conservées 10 ans, et vous pourrez le rouvrir pendant ce temps.",
    confirm: "Confirmer la fermeture",
  },
};

/** Where the space stands (not created, announced with its deadline, opposed, open, closed) and what the person can do. */
export function Home() {
  const [space, setSpace] = useState<Space | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [asking, setAsking] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);

  async function load() {
    try {
      const current = await api<Space>("/api/v1/me");
      setSpace(current);
      setError(null);
      setSummary(current.status === "Active" || current.status === "Closed" ? await loadSummary() : null);
    } catch (e) {
      setError(e as ApiError);
    }
  }

  useEffect(() => {
    void load();
  }, []);

  useEffect(() => {
    confirmRef.current?.focus();
  }, [asking]);

  async function run(action: Action, done: string) {
    setBusy(true);
    try {
      await post(`/api/v1/me/${action}`);
      setAsking(null);
      setNotice(done);
      await load();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  function start(action: Action, done: string) {
    if (confirmations[action]) setAsking(action);
    else void run(action, done);
  }

  const done: Record<Action, string> = {
    activation: "Votre espace est ouvert.",
    opposition: "Votre opposition est enregistrée.",
    closure: "Votre espace est fermé.",
  };

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Mon espace</h1>
      <p role="status" class="notice">{notice}</p>
      {error && <ErrorMessage error={error} />}
      {!space && !error && <p>Chargement…</p>}
      {space && (
        <div class="card">
          <h2>{headline(space)}</h2>
          <p>{explanation(space)}</p>
          <div class="actions">
            {space.status !== "Active" && (
              <button type="button" class="primary" disabled={busy} onClick={() => start("activation", done.activation)}>
                {space.status === "Closed" ? "Rouvrir mon espace" : "Ouvrir mon espace"}
              </button>
            )}
            {space.canOppose && (
              <button type="button" disabled={busy} onClick={() => start("opposition", done.opposition)}>
                Je m'oppose à la création de mon espace
              </button>
            )}
            {space.status === "Active" && (
              <button type="button" disabled={busy} onClick={() => start("closure", done.closure)}>
                Fermer mon espace
              </button>
            )}
          </div>
          {asking && confirmations[asking] && (
            <div class="confirm" role="group" aria-labelledby="confirm-text" tabIndex={-1} ref={confirmRef}>
              <p id="confirm-text">{confirmations[asking]!.ask}</p>
              <button type="button" class="primary" disabled={busy} onClick={() => run(asking, done[asking])}>
                {confirmations[asking]!.confirm}
              </button>
              <button type="button" disabled={busy} onClick={() => setAsking(null)}>
                Annuler
              </button>
            </div>
          )}
        </div>
      )}
      {summary && <SummaryCards summary={summary} />}
    </section>
  );
}

async function loadSummary(): Promise<Summary> {
  const [inbox, agenda] = await Promise.all([
    api<{ totalUnread: number }>("/api/v1/me/inbox"),
    api<{ entries: Summary["appointments"]; reminders: (Summary["reminders"][number] & { dueNow: boolean })[] }>("/api/v1/me/agenda?when=upcoming&limit=3"),
  ]);
  return { unread: inbox.totalUnread, appointments: agenda.entries, reminders: agenda.reminders.filter((r) => r.dueNow) };
}

function headline(space: Space): string {
  switch (space.status) {
    case "NotNotified":
      return "Votre espace n'est pas encore créé";
    case "Notified":
      return "Votre espace va être créé";
    case "Opposed":
      return "Vous vous êtes opposé(e) à la création de votre espace";
    case "Active":
      return "Votre espace est ouvert";
    case "Closed":
      return "Votre espace est fermé";
  }
}

function explanation(space: Space): string {
  switch (space.status) {
    case "NotNotified":
      return "Vous pouvez l'ouvrir dès maintenant, ou vous opposer à sa création.";
    case "Notified":
      return `Il sera ouvert le ${formatDay(space.oppositionDeadline)}, sauf si vous vous y opposez d'ici là.`;
    case "Opposed":
      return `Opposition enregistrée le ${formatDay(space.opposedAt)}. Vous pouvez ouvrir votre espace à tout moment.`;
    case "Active":
      return `Ouvert depuis le ${formatDay(space.activatedAt)}.`;
    case "Closed":
      return space.erasureDueAt && space.erasureRequestedAt
        ? `Fermé le ${formatDay(space.closedAt)}. À votre demande, ses données seront effacées le ${formatDay(space.erasureDueAt)}.`
        : `Fermé le ${formatDay(space.closedAt)}. Ses données sont conservées jusqu'au ${formatDay(space.archivedUntil)} ; vous pouvez le rouvrir d'ici là.`;
  }
}

function SummaryCards({ summary }: { summary: Summary }) {
  return (
    <div class="grid">
      <div class="card">
        <h2>Messagerie</h2>
        <p>{summary.unread === 0 ? "Aucun message non lu." : `${summary.unread} message${summary.unread > 1 ? "s" : ""} non lu${summary.unread > 1 ? "s" : ""}.`}</p>
      </div>
      <div class="card">
        <h2>Prochains rendez-vous</h2>
        {summary.appointments.length === 0 ? (
          <p>Aucun rendez-vous à venir.</p>
        ) : (
          <ul>
            {summary.appointments.map((a) => (
              <li key={a.id}>
                {a.title}, le {formatMoment(a.start)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="card">
        <h2>Prévention</h2>
        {summary.reminders.length === 0 ? (
          <p>Aucun rappel en attente.</p>
        ) : (
          <ul>
            {summary.reminders.map((r) => (
              <li key={r.code}>
                <strong>{r.title}</strong> — {r.reason}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** A refusal in words, and the server's detail for whoever calls the helpline. */
export function ErrorMessage({ error }: { error: ApiError | Error }) {
  return (
    <div class="error" role="alert">
      <p>{error.message}</p>
      {error instanceof ApiError && error.detail && <p class="detail">Détail : {error.detail}</p>}
    </div>
  );
}
