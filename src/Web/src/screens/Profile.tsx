import { useEffect, useState } from "preact/hooks";
import { api, post, put } from "../api";
import { formatDay } from "../format";
import { useScreen } from "../screen";
import { ErrorMessage } from "./Home";

interface Entry {
  id: string;
  kind: "Condition" | "Allergy" | "Medication" | "Immunization";
  codes: { system: string; code: string; display?: string | null }[];
  text?: string | null;
  occurred?: string | null;
  authorRole: string;
  authorId: string;
  labels: string[];
  proofDocumentId?: string | null;
}

interface Declarations {
  advanceDirectives?: string | null;
  advanceDirectivesDocumentId?: string | null;
  organDonation: "Unstated" | "Consents" | "Refuses";
  trustedPerson?: { name: string; relation?: string | null; phone?: string | null; email?: string | null } | null;
}

const sections: { kind: Entry["kind"]; title: string; request: string; item: string }[] = [
  { kind: "Condition", title: "Antécédents et maladies", request: "condition", item: "Antécédent ou maladie" },
  { kind: "Allergy", title: "Allergies", request: "allergy", item: "Allergie" },
  { kind: "Medication", title: "Traitements", request: "medication", item: "Traitement" },
  { kind: "Immunization", title: "Vaccinations", request: "immunization", item: "Vaccination" },
];

/** Vaccines a person enters most (ATC, which says what each covers: the reminders count them). */
const vaccines: Record<string, string> = {
  J07BB02: "Grippe saisonnière",
  J07CA02: "Diphtérie, tétanos, coqueluche, poliomyélite",
  J07BX03: "Covid-19",
  J07AL02: "Pneumocoque (conjugué)",
  J07BM03: "Papillomavirus (HPV)",
};

const masked = "MASQUE_PS";

/** The medical profile: history, allergies, treatments, vaccinations (with proof), and the person's declarations. */
export function Profile() {
  const { data, error, notice, change } = useScreen(() => api<{ entries: Entry[]; declarations: Declarations }>("/api/v1/me/profile"));
  const entries = data?.entries ?? null;
  const declarations = data?.declarations ?? null;

  const label = (e: Entry) => e.text ?? e.codes.map((c) => vaccines[c.code] ?? c.display ?? c.code).join(", ");

  return (
    <section aria-labelledby="profile-title">
      <h1 id="profile-title">Mon profil médical</h1>
      <p role="status" class="notice">{notice}</p>
      {error && <ErrorMessage error={error} />}
      {sections.map((s) => (
        <div class="card" key={s.kind}>
          <h2>{s.title}</h2>
          {entries && entries.filter((e) => e.kind === s.kind).length === 0 && <p>Rien d'indiqué.</p>}
          <ul>
            {(entries ?? [])
              .filter((e) => e.kind === s.kind)
              .map((e) => (
                <li key={e.id}>
                  {label(e)}
                  {e.occurred && `, le ${formatDay(e.occurred)}`}
                  {e.authorRole === "Professional" ? ` (par un professionnel, RPPS ${e.authorId})` : " (indiqué par vous)"}
                  {e.proofDocumentId && " · justificatif joint"}
                  {e.labels.includes(masked) && <strong class="badge"> · masqué aux professionnels</strong>}{" "}
                  <button
                    type="button"
                    onClick={() =>
                      void change(() => put(`/api/v1/me/profile/items/${e.id}/masked`, { masked: !e.labels.includes(masked) }), e.labels.includes(masked) ? "L'élément est de nouveau visible des professionnels." : "L'élément est masqué aux professionnels.")
                    }
                  >
                    {e.labels.includes(masked) ? "Ne plus masquer" : "Masquer aux professionnels"}
                    <span class="visually-hidden"> : {label(e)}</span>
                  </button>
                </li>
              ))}
          </ul>
          {s.kind === "Immunization" ? (
            <AddVaccination onSave={(body) => change(() => post("/api/v1/me/profile/items", body), "La vaccination est ajoutée à votre carnet.")} />
          ) : (
            <AddItem section={s} onSave={(body) => change(() => post("/api/v1/me/profile/items", body), `${s.item} ajouté(e) à votre profil.`)} />
          )}
        </div>
      ))}
      {declarations && <DeclarationsForm value={declarations} onSave={(body) => change(() => put("/api/v1/me/profile/declarations", body), "Vos volontés sont enregistrées.")} />}
    </section>
  );
}

function AddItem({ section, onSave }: { section: (typeof sections)[number]; onSave: (body: object) => Promise<void> }) {
  const [text, setText] = useState("");
  const [occurred, setOccurred] = useState("");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void onSave({ kind: section.request, text, occurred: occurred || undefined }).then(() => (setText(""), setOccurred("")));
      }}
    >
      <label class="field">
        {section.item} (en vos mots)
        <input type="text" required maxLength={500} value={text} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label class="field">
        Depuis le (facultatif)
        <input type="date" value={occurred} onInput={(e) => setOccurred((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <button type="submit">Ajouter<span class="visually-hidden"> : {section.item}</span></button>
    </form>
  );
}

function AddVaccination({ onSave }: { onSave: (body: object) => Promise<void> }) {
  const [code, setCode] = useState("J07BB02");
  const [occurred, setOccurred] = useState("");
  const [proof, setProof] = useState("");
  const [documents, setDocuments] = useState<{ id: string; title: string }[]>([]);

  useEffect(() => {
    api<{ documents: { id: string; title: string }[] }>("/api/v1/me/documents?pageSize=100").then((p) => setDocuments(p.documents), () => setDocuments([]));
  }, []);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void onSave({ kind: "immunization", occurred, codes: [{ system: "http://www.whocc.no/atc", code }], proofDocumentId: proof || undefined }).then(() => setOccurred(""));
      }}
    >
      <div class="field">
        <label for="vaccine">Vaccin</label>
        <select id="vaccine" value={code} onChange={(e) => setCode((e.currentTarget as HTMLSelectElement).value)}>
          {Object.entries(vaccines).map(([c, name]) => (
            <option key={c} value={c}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <label class="field">
        Date de la vaccination
        <input type="date" required value={occurred} onInput={(e) => setOccurred((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <div class="field">
        <label for="vaccine-proof">Justificatif (un de vos documents, facultatif)</label>
        <select id="vaccine-proof" value={proof} onChange={(e) => setProof((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">Aucun</option>
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Ajouter la vaccination</button>
    </form>
  );
}

function DeclarationsForm({ value, onSave }: { value: Declarations; onSave: (body: Declarations) => Promise<void> }) {
  const [organ, setOrgan] = useState(value.organDonation);
  const [directives, setDirectives] = useState(value.advanceDirectives ?? "");
  const [name, setName] = useState(value.trustedPerson?.name ?? "");
  const [phone, setPhone] = useState(value.trustedPerson?.phone ?? "");
  const choices: [Declarations["organDonation"], string][] = [
    ["Unstated", "Je ne me prononce pas"],
    ["Consents", "J'accepte de donner mes organes"],
    ["Refuses", "Je refuse de donner mes organes"],
  ];
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave({
          organDonation: organ,
          advanceDirectives: directives || null,
          advanceDirectivesDocumentId: value.advanceDirectivesDocumentId ?? null,
          trustedPerson: name ? { name, phone: phone || null, relation: value.trustedPerson?.relation ?? null, email: value.trustedPerson?.email ?? null } : null,
        });
      }}
    >
      <h2>Mes volontés</h2>
      <fieldset class="filters">
        <legend>Don d'organes</legend>
        {choices.map(([wish, text]) => (
          <label key={wish}>
            <input type="radio" name="organ" checked={organ === wish} onChange={() => setOrgan(wish)} />
            {text}
          </label>
        ))}
      </fieldset>
      <label class="field">
        Directives anticipées
        <textarea rows={3} maxLength={4000} value={directives} onInput={(e) => setDirectives((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      <label class="field">
        Personne de confiance : nom
        <input type="text" maxLength={200} value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label class="field">
        Personne de confiance : téléphone
        <input type="tel" maxLength={30} value={phone} onInput={(e) => setPhone((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="primary">
        Enregistrer mes volontés
      </button>
    </form>
  );
}
