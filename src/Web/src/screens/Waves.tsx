import { useEffect, useRef, useState } from "preact/hooks";
import { CategoryScale, Chart, LineController, LineElement, LinearScale, PointElement, Tooltip } from "chart.js";
import { api } from "../api";
import { formatDay, formatMoment } from "../format";
import { ErrorMessage } from "./Home";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip);

type Phase = "Draft" | "Notifying" | "Notified" | "Opening" | "Completed";

type Outcome = "Pending" | "Notified" | "AlreadyActive" | "AlreadyOpposed" | "AlreadyClosed" | "NotifiedByAnotherWave" | "Opposed" | "ActivatedBySelf" | "Opened";

interface Wave {
  waveId: string;
  definition: { name: string; territory: string };
  phase: Phase;
  createdAt: string;
  launchedAt?: string | null;
  deadline?: string | null;
  members: number;
  outcomes: Record<Outcome, number>;
  ratePerSecond: number;
  estimatedRemaining?: string | null;
  completedAt?: string | null;
}

/** One reading of a wave's progress, taken at a poll (the browser's clock, so that every point has the same). */
interface Sample {
  at: number;
  done: number;
}

/** What the previous poll saw of a wave. */
interface Seen {
  phase: Phase;
  at: number;
}

const phases: Record<Phase, string> = {
  Draft: "En préparation",
  Notifying: "Avis en cours d'envoi",
  Notified: "Opposition ouverte",
  Opening: "Ouverture en cours",
  Completed: "Terminée",
};

/** The waves followed: the most recent ones, each read with its counts. */
const shown = 20;

const number = new Intl.NumberFormat("fr-FR");
const clock = new Intl.DateTimeFormat("fr-FR", { timeStyle: "medium", timeZone: "Europe/Paris" });

const fanningOut = (w: Wave) => w.phase === "Notifying" || w.phase === "Opening";

const unchanged = (o: Record<Outcome, number>) => o.AlreadyActive + o.AlreadyOpposed + o.AlreadyClosed + o.NotifiedByAnotherWave;

const opening = (phase: Phase) => phase === "Opening" || phase === "Completed";

/** People handled by the wave's current (or last) fan-out, out of how many it concerns. */
function progress(w: Wave): { done: number; total: number } {
  const o = w.outcomes;
  return opening(w.phase) ? { done: o.Opened, total: o.Opened + o.Notified } : { done: w.members - o.Pending, total: w.members };
}

/** A .NET TimeSpan ("d.hh:mm:ss.fff") in words. */
function duration(text: string): string {
  const parts = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(text);
  if (!parts) return text;
  const seconds = Number(parts[1] ?? 0) * 86_400 + Number(parts[2]) * 3_600 + Number(parts[3]) * 60 + Number(parts[4]);
  return seconds < 90 ? `${seconds} s` : seconds < 5_400 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3_600)} h`;
}

/**
 * The waves with their counts, read again every 2 seconds while one fans out (5 otherwise), and the progress of the one
 * followed, charted from the readings this page took: a fan-out seen to start or end between two readings still
 * shows, from its start (nobody handled) to where it stands.
 */
export function Waves() {
  const [waves, setWaves] = useState<Wave[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [followed, setFollowed] = useState<string | null>(null);
  const samples = useRef(new Map<string, Sample[]>());
  const seen = useRef(new Map<string, Seen>());

  useEffect(() => {
    let timer = 0;
    let stopped = false;
    async function poll() {
      let busy = false;
      try {
        const list = await api<Wave[]>("/api/v1/waves");
        const recent = list.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, shown);
        const read = await Promise.all(recent.map((w) => api<Wave>(`/api/v1/waves/${encodeURIComponent(w.waveId)}`)));
        if (stopped) return;
        read.forEach(record);
        busy = read.some(fanningOut);
        setWaves(read);
        setError(null);
      } catch (e) {
        setError(e as Error);
      }

      if (!stopped) timer = window.setTimeout(poll, busy ? 2_000 : 5_000);
    }

    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  /**
   * Keeps a reading of a wave fanning out, or whose phase changed since the last poll (a fan-out begun and over between
   * two). A fan-out seen to begin starts from the previous poll, when it had handled nobody yet.
   */
  function record(w: Wave) {
    const now = Date.now();
    const before = seen.current.get(w.waveId);
    seen.current.set(w.waveId, { phase: w.phase, at: now });
    const changed = before !== undefined && before.phase !== w.phase;
    if (!fanningOut(w) && !changed) return;
    let series = samples.current.get(w.waveId);
    const begun = changed && (before.phase === "Draft" || (opening(w.phase) && !opening(before.phase)));
    if (!series || begun) {
      series = begun ? [{ at: before.at, done: 0 }] : [];
      samples.current.set(w.waveId, series);
    }

    series.push({ at: now, done: progress(w).done });
  }

  const current = waves?.find((w) => w.waveId === followed) ?? waves?.find(fanningOut) ?? waves?.find((w) => samples.current.has(w.waveId)) ?? waves?.[0];

  return (
    <section aria-labelledby="waves-title">
      <h1 id="waves-title">Vagues d'ouverture</h1>
      {error && <ErrorMessage error={error} />}
      {waves === null && !error && <p>Chargement…</p>}
      {waves?.length === 0 && <p>Aucune vague pour l'instant : elles se créent et se remplissent avec l'outil en ligne de commande.</p>}
      {current && <Followed wave={current} series={samples.current.get(current.waveId) ?? []} />}
      {waves && waves.length > 0 && (
        <div class="card wide">
          <table>
            <caption>Les {shown} vagues les plus récentes</caption>
            <thead>
              <tr>
                <th scope="col">Vague</th>
                <th scope="col">État</th>
                <th scope="col">Personnes</th>
                <th scope="col">En attente</th>
                <th scope="col">Avisées</th>
                <th scope="col">Opposées</th>
                <th scope="col">Ouvertes</th>
                <th scope="col">Inchangées</th>
                <th scope="col">Échéance</th>
              </tr>
            </thead>
            <tbody>
              {waves.map((w) => (
                <tr key={w.waveId} data-wave={w.waveId}>
                  <th scope="row">
                    <button type="button" class="link" aria-pressed={w === current} onClick={() => setFollowed(w.waveId)}>
                      {w.definition.name || w.waveId}
                    </button>
                    <span class="territory">{w.definition.territory}</span>
                  </th>
                  <td>{phases[w.phase]}</td>
                  <td>{number.format(w.members)}</td>
                  <td>{number.format(w.outcomes.Pending)}</td>
                  <td>{number.format(w.outcomes.Notified)}</td>
                  <td>{number.format(w.outcomes.Opposed)}</td>
                  <td>{number.format(w.outcomes.Opened + w.outcomes.ActivatedBySelf)}</td>
                  <td>{number.format(unchanged(w.outcomes))}</td>
                  <td>{formatDay(w.deadline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The wave followed: where its fan-out stands, its rate and time left, and its progress chart. */
function Followed({ wave, series }: { wave: Wave; series: Sample[] }) {
  const { done, total } = progress(wave);
  const name = wave.definition.name || wave.waveId;
  return (
    <div class="card">
      <h2 id="followed-title">{name}</h2>
      <p>
        {phases[wave.phase]}
        {wave.launchedAt && `, lancée le ${formatMoment(wave.launchedAt)}`}
        {wave.phase === "Notified" && wave.deadline && `, jusqu'au ${formatMoment(wave.deadline)}`}
        {wave.completedAt && `, terminée le ${formatMoment(wave.completedAt)}`}.
      </p>
      <label class="field">
        {wave.phase === "Opening" || wave.phase === "Completed" ? "Espaces ouverts" : "Personnes avisées ou écartées"} : {number.format(done)} sur{" "}
        {number.format(total)}
        <progress max={Math.max(total, 1)} value={done} />
      </label>
      {fanningOut(wave) && (
        <p role="status">
          {number.format(Math.round(wave.ratePerSecond))} personnes par seconde
          {wave.estimatedRemaining && `, environ ${duration(wave.estimatedRemaining)} restantes`}.
        </p>
      )}
      {series.length > 0 ? <ProgressChart name={name} series={series} total={total} /> : <p>Aucun envoi suivi depuis l'ouverture de cette page.</p>}
    </div>
  );
}

function ProgressChart({ name, series, total }: { name: string; series: Sample[]; total: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = series[series.length - 1];

  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        labels: series.map((s) => clock.format(new Date(s.at))),
        datasets: [{ label: "Personnes traitées", data: series.map((s) => s.done), borderColor: "#000091", backgroundColor: "#000091" }],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { min: 0, suggestedMax: total } } },
    });
    return () => chart.destroy();
  }, [series.length, last.done, total]);

  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={`Progression de ${name} : ${number.format(last.done)} personnes traitées sur ${number.format(total)}, ${series.length} relevés`} />
    </div>
  );
}
