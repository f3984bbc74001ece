import { accessToken } from "./auth";

/** A refusal or failure of the API, said in words a person can read (French), with the server's own detail kept. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly detail?: string,
  ) {
    super(message);
  }
}

function say(status: number, retryAfter: string | null): string {
  switch (status) {
    case 400:
    case 422:
      return "Certaines informations ne sont pas valides.";
    case 401:
      return "Votre session a expiré : reconnectez-vous.";
    case 403:
      return "Vous n'avez pas le droit de faire cela.";
    case 404:
      return "Cet élément n'existe pas ou plus.";
    case 409:
      return "Ce n'est pas possible dans l'état actuel de votre espace.";
    case 413:
      return "Le fichier est trop volumineux.";
    case 415:
      return "Ce type de fichier n'est pas accepté.";
    case 429:
      return `Trop de demandes en peu de temps : réessayez dans ${retryAfter ?? "quelques"} secondes.`;
    case 503:
      return "Le service est momentanément indisponible : réessayez dans un instant.";
    default:
      return "Une erreur est survenue de notre côté : réessayez plus tard.";
  }
}

let actingFor: string | null = null;

/** A legal representative acts in a minor's space: every call then says so (X-Act-For), until null, but those asking for the person's own (`own`). */
export function actFor(ins: string | null): void {
  actingFor = ins;
}

export const actingForMinor = () => actingFor;

/** Calls the API with the session's token (and X-Act-For but for <paramref name="own"/>); a refusal becomes an ApiError. The body is the caller's to read. */
export async function call(path: string, init: RequestInit = {}, own = false): Promise<Response> {
  const token = await accessToken();
  const headers = new Headers(init.headers);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (actingFor && !own) headers.set("x-act-for", actingFor);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, "Le service ne répond pas : vérifiez votre connexion, puis réessayez.");
  }

  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, say(response.status, response.headers.get("retry-after")), problem.detail);
  }

  return response;
}

/** Calls the JSON API; its answer, parsed. */
export async function api<T>(path: string, init: RequestInit = {}, own = false): Promise<T> {
  const response = await call(path, init, own);
  return response.status === 204 || response.headers.get("content-length") === "0" ? (undefined as T) : ((await response.json()) as T);
}

/** A content (a document, an attachment) as a Blob. */
export const download = async (path: string) => (await call(path, { headers: { accept: "*/*" } })).blob();

/** Hands <paramref name="blob"/> to the browser: saved under <paramref name="name"/>, or opened in a new tab without one. */
export function save(blob: Blob, name?: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, rel: "noopener" });
  if (name) link.download = name;
  else link.target = "_blank";
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const send = <T>(method: string, path: string, body?: unknown) =>
  api<T>(path, body === undefined ? { method } : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export const post = <T>(path: string, body?: unknown) => send<T>("POST", path, body);

export const put = <T>(path: string, body?: unknown) => send<T>("PUT", path, body);
