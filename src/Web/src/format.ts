const day = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });
const moment = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

/** "2 décembre 2026", in Paris time. */
export const formatDay = (iso: string | null | undefined) => (iso ? day.format(new Date(iso)) : "");

/** "2 décembre 2026 à 09:30", in Paris time. */
export const formatMoment = (iso: string | null | undefined) => (iso ? moment.format(new Date(iso)) : "");
