import { useEffect, useState } from "preact/hooks";
import { api, download, post, save } from "../api";
import { formatMoment } from "../format";
import { ErrorMessage } from "./Home";

interface Conversation {
  id: string;
  subject: string;
  professionalId: string;
  lastMessageAt: string;
  messageCount: number;
  unreadCount: number;
}

interface Attachment {
  mediaType: string;
  title: string;
  size: number;
}

interface Message {
  seq: number;
  senderRole: string;
  senderId: string;
  sentAt: string;
  text: string;
  attachments: Attachment[];
}

/** The secure inbox: conversations a professional started, each with its unread count; read one, reply, file an attachment. */
export function Messages() {
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function load() {
    try {
      setConversations((await api<{ conversations: Conversation[] }>("/api/v1/me/inbox")).conversations);
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  }

  useEffect(() => {
    void load();
  }, [open]);

  if (open) {
    return <ConversationScreen id={open} onBack={() => setOpen(null)} />;
  }

  return (
    <section aria-labelledby="messages-title">
      <h1 id="messages-title">Messagerie</h1>
      <p>Seuls les professionnels de santé peuvent commencer une conversation ; vous pouvez leur répondre.</p>
      {error && <ErrorMessage error={error} />}
      {!conversations && !error && <p>Chargement…</p>}
      {conversations && conversations.length === 0 && <p>Aucun message.</p>}
      {conversations && conversations.length > 0 && (
        <ul class="documents" aria-label="Conversations">
          {conversations.map((c) => (
            <li key={c.id} class="card">
              <h2>
                <button type="button" class="link" onClick={() => setOpen(c.id)}>
                  {c.subject}
                </button>
              </h2>
              <p>
                Professionnel (RPPS {c.professionalId}) · dernier message le {formatMoment(c.lastMessageAt)} · {c.messageCount} message
                {c.messageCount > 1 ? "s" : ""}
                {c.unreadCount > 0 && <strong class="badge"> · {c.unreadCount} non lu{c.unreadCount > 1 ? "s" : ""}</strong>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConversationScreen({ id, onBack }: { id: string; onBack: () => void }) {
  const [view, setView] = useState<{ conversation: Conversation; messages: Message[] } | null>(null);
  const [reply, setReply] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  async function load() {
    try {
      setView(await api(`/api/v1/me/inbox/${encodeURIComponent(id)}`));
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  }

  useEffect(() => {
    void load();
  }, [id]);

  async function send(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      await post(`/api/v1/me/inbox/${encodeURIComponent(id)}/messages`, { text: reply, clientId: crypto.randomUUID() });
      setReply("");
      setNotice("Votre réponse est envoyée.");
      await load();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  async function act(message: Message, n: number, attachment: Attachment, file: boolean) {
    const path = `/api/v1/me/inbox/${encodeURIComponent(id)}/messages/${message.seq}/attachments/${n}`;
    try {
      if (file) {
        await post(`${path}/document`, {});
        setNotice(`« ${attachment.title} » est enregistré dans vos documents.`);
      } else {
        save(await download(path), attachment.title);
      }
    } catch (e) {
      setError(e as Error);
    }
  }

  return (
    <section aria-labelledby="conversation-title">
      <button type="button" class="quiet" onClick={onBack}>
        ← Toutes les conversations
      </button>
      <h1 id="conversation-title">{view?.conversation.subject ?? "Conversation"}</h1>
      <p role="status" class="notice">{notice}</p>
      {error && <ErrorMessage error={error} />}
      {view && (
        <ol class="messages" aria-label="Messages">
          {view.messages.map((m) => (
            <li key={m.seq} class={m.senderRole === "Patient" ? "card mine" : "card"}>
              <p class="meta">
                {m.senderRole === "Patient" ? "Vous" : `Professionnel (RPPS ${m.senderId})`}, le {formatMoment(m.sentAt)}
              </p>
              <p class="text">{m.text}</p>
              {m.attachments.map((a, n) => (
                <div class="actions" key={n}>
                  <span>Pièce jointe : {a.title}</span>
                  <button type="button" onClick={() => void act(m, n, a, false)}>
                    Télécharger<span class="visually-hidden"> {a.title}</span>
                  </button>
                  <button type="button" onClick={() => void act(m, n, a, true)}>
                    Enregistrer dans mes documents<span class="visually-hidden"> {a.title}</span>
                  </button>
                </div>
              ))}
            </li>
          ))}
        </ol>
      )}
      <form class="card" onSubmit={send}>
        <label class="field">
          Votre réponse
          <textarea required maxLength={10000} rows={4} value={reply} onInput={(e) => setReply((e.currentTarget as HTMLTextAreaElement).value)} />
        </label>
        <button type="submit" class="primary" disabled={busy || reply.trim() === ""}>
          Envoyer
        </button>
      </form>
    </section>
  );
}
