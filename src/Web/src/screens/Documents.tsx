import { useMemo, useState } from "preact/hooks";
import { ApiError, api, download, put, save } from "../api";
import { formatDay } from "../format";
import { useScreen } from "../screen";
import { ErrorMessage } from "./Home";

interface DocumentView {
  id: string;
  classCode: string;
  title: string;
  serviceDate?: string | null;
  depositedAt: string;
  authorRole: string;
  authorId?: string | null;
  mediaType: string;
  size: number;
  labels: string[];
}

const classes: Record<string, string> = {
  "10": "Compte rendu",
  "11": "Synthèse",
  "31": "Imagerie médicale",
  "42": "Prescription",
  "43": "Dispensation",
  "44": "Plan de soins",
  "45": "Traitement administré",
  "52": "Certificat, déclaration",
  "60": "Remboursement",
  "90": "Mes documents",
  "95": "Document de gestion",
};

/** What a person may upload: the server checks again (the content itself, not only its name). */
const accepted: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "image/tiff": "TIFF",
  "application/rtf": "RTF",
  "text/rtf": "RTF",
  "text/plain": "texte",
};
const maxBytes = 5 * 1024 * 1024;
const masked = "MASQUE_PS";

/** The documents: filters by class, a search in titles, view and download, upload by drag and drop, masking. */
export function Documents() {
  const [chosen, setChosen] = useState<string[]>([]);
  const [search, setSearch] = useState("");
  const { data: documents, error, setError, notice, change } = useScreen(async () => {
    const query = chosen.length > 0 ? `&class=${chosen.join(",")}` : "";
    return (await api<{ documents: DocumentView[] }>(`/api/v1/me/documents?pageSize=100${query}`)).documents;
  }, [chosen.join(",")]);

  const shown = useMemo(
    () => (documents ?? []).filter((d) => d.title.toLocaleLowerCase("fr").includes(search.trim().toLocaleLowerCase("fr"))),
    [documents, search],
  );

  function toggleMask(document: DocumentView) {
    const hide = !document.labels.includes(masked);
    return change(
      () => put(`/api/v1/me/documents/${document.id}/masked`, { masked: hide }),
      hide ? `« ${document.title} » est masqué aux professionnels.` : `« ${document.title} » est de nouveau visible des professionnels.`,
    );
  }

  return (
    <section aria-labelledby="documents-title">
      <h1 id="documents-title">Mes documents</h1>
      <p role="status" class="notice">{notice}</p>
      {error && <ErrorMessage error={error} />}
      <Upload onUploaded={(title) => void change(async () => undefined, `« ${title} » est ajouté à vos documents.`)} onError={setError} />
      <div class="card">
        <fieldset class="filters">
          <legend>Catégories</legend>
          {Object.entries(classes).map(([code, label]) => (
            <label key={code}>
              <input
                type="checkbox"
                checked={chosen.includes(code)}
                onChange={(e) => setChosen((e.currentTarget as HTMLInputElement).checked ? [...chosen, code] : chosen.filter((c) => c !== code))}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <label class="field">
          Rechercher dans les titres
          <input type="search" value={search} onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)} />
        </label>
      </div>
      {!documents && !error && <p>Chargement…</p>}
      {documents && shown.length === 0 && <p>Aucun document.</p>}
      {shown.length > 0 && (
        <ul class="documents" aria-label="Documents">
          {shown.map((d) => (
            <li key={d.id} class="card">
              <h2>{d.title}</h2>
              <p>
                {classes[d.classCode] ?? d.classCode} · {formatDay(d.serviceDate ?? d.depositedAt)} · {author(d)}
                {d.labels.includes(masked) && <span class="badge"> · Masqué aux professionnels</span>}
              </p>
              <div class="actions">
                <button type="button" onClick={() => void open(d, false).catch(setError)}>
                  Voir<span class="visually-hidden"> {d.title}</span>
                </button>
                <button type="button" onClick={() => void open(d, true).catch(setError)}>
                  Télécharger<span class="visually-hidden"> {d.title}</span>
                </button>
                <button type="button" onClick={() => void toggleMask(d)}>
                  {d.labels.includes(masked) ? "Ne plus masquer" : "Masquer aux professionnels"}
                  <span class="visually-hidden"> {d.title}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function author(document: DocumentView): string {
  switch (document.authorRole) {
    case "Patient":
      return "Ajouté par vous";
    case "Professional":
      return `Déposé par un professionnel (RPPS ${document.authorId})`;
    case "App":
      return `Déposé par l'application ${document.authorId}`;
    default:
      return "Déposé par l'Assurance Maladie";
  }
}

/** The content with the session's token, shown in a new tab or saved under its title. */
async function open(document: DocumentView, keep: boolean) {
  save(await download(`/api/v1/me/documents/${document.id}/content`), keep ? document.title : undefined);
}

/** Why a file cannot be sent, checked before sending it; null when it may go. */
export function refusal(file: File): string | null {
  if (!accepted[file.type]) return `« ${file.name} » n'est pas d'un type accepté : PDF, JPEG, PNG, TIFF, RTF ou texte.`;
  if (file.size > maxBytes) return `« ${file.name} » fait ${(file.size / 1024 / 1024).toFixed(1)} Mo : 5 Mo au plus.`;
  if (file.size === 0) return `« ${file.name} » est vide.`;
  return null;
}

function Upload({ onUploaded, onError }: { onUploaded: (title: string) => void; onError: (e: Error) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);

  function choose(picked: File | undefined) {
    if (!picked) return;
    const why = refusal(picked);
    setProblem(why);
    setFile(why ? null : picked);
    if (!why && !title) setTitle(picked.name.replace(/\.[^.]+$/, ""));
  }

  async function send(event: Event) {
    event.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append("file", file, file.name);
    form.append("title", title || file.name);
    form.append("classCode", "90");
    setBusy(true);
    try {
      await api("/api/v1/me/documents", { method: "POST", body: form, headers: { "idempotency-key": crypto.randomUUID() } });
      onUploaded(title || file.name);
      setFile(null);
      setTitle("");
    } catch (e) {
      onError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card" onSubmit={send} aria-labelledby="upload-title">
      <h2 id="upload-title">Ajouter un document</h2>
      <div
        class={over ? "drop over" : "drop"}
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => (e.preventDefault(), setOver(false), choose(e.dataTransfer?.files[0]))}
      >
        <p>Déposez un fichier ici (PDF, image ou texte, 5 Mo au plus), ou</p>
        <label class="field">
          Choisir un fichier
          <input type="file" accept={Object.keys(accepted).join(",")} onChange={(e) => choose((e.currentTarget as HTMLInputElement).files?.[0])} />
        </label>
      </div>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {file && (
        <>
          <label class="field">
            Titre du document
            <input type="text" required maxLength={200} value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="primary" disabled={busy}>
            Envoyer « {file.name} »
          </button>
        </>
      )}
    </form>
  );
}
