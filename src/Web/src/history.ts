// The access history as the person reads it: each row's record (what was reached, how) is written by the server in
// fixed English forms, kept as they are for the record; the app says the known forms in French, and shows any other
// one as written.

const resources: [RegExp, string][] = [
  [/^document search$/, "la liste de vos documents"],
  [/^document /, "un de vos documents"],
  [/^inbox$/, "votre messagerie"],
  [/^messages search$/, "la recherche dans vos messages"],
  [/^conversation/, "une de vos conversations"],
  [/^latest measurements$/, "vos dernières mesures"],
  [/ series$/, "une série de vos mesures"],
  [/^Observation search/, "la recherche de vos mesures"],
  [/^Observation /, "une de vos mesures"],
  [/^medical profile declarations$/, "les déclarations de votre profil médical"],
  [/^medical profile/, "votre profil médical"],
  [/^condition /, "une maladie de votre profil médical"],
  [/^allergy /, "une allergie de votre profil médical"],
  [/^treatment /, "un traitement de votre profil médical"],
  [/^vaccination /, "une vaccination de votre carnet"],
  [/^appointment /, "un rendez-vous de votre agenda"],
  [/^agenda \(export\)$/, "l'export de votre agenda"],
  [/^agenda/, "votre agenda"],
  [/^prevention/, "vos rappels de prévention"],
  [/^contact details$/, "vos coordonnées"],
  [/^push registration/, "les notifications sur votre téléphone"],
  [/^notice preference/, "vos préférences d'avis"],
  [/^consents$/, "vos consentements"],
  [/^(controls|(un)?block professional|end care relationship|(allow|refuse) (emergency|break-glass) access)/, "vos réglages de confidentialité"],
  [/^access history$/, "votre historique des accès"],
  [/^inbox export$/, "l'export de votre messagerie"],
  [/^export of the whole space$/, "l'export de tout votre espace"],
];

const channels: Record<string, string> = {
  fhir: "logiciel de santé (FHIR)",
  api: "application (API)",
  signin: "connexion",
  reference: "référencement",
};

const modes: Record<string, string> = {
  "care relationship declared": "relation de soins déclarée",
  "legal representative": "représentant légal",
  emergency: "accès en urgence",
  "break-glass": "bris de glace",
};

/** What was reached, in French when the form is known. */
export function describeResource(resource: string): string {
  return resources.find(([form]) => form.test(resource))?.[1] ?? resource;
}

/** How it was reached ("fhir, care relationship declared"), in French part by part. */
export function describeHow(how: string): string {
  return how
    .split(", ")
    .map((part, i) => (i === 0 ? channels[part] : modes[part]) ?? part)
    .join(", ");
}
