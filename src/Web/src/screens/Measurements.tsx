import { useEffect, useRef, useState } from "preact/hooks";
import { CategoryScale, Chart, type ChartDataset, Filler, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from "chart.js";
import { api } from "../api";
import { formatMoment } from "../format";
import { listen } from "../live";
import { ErrorMessage } from "./Home";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Legend, Tooltip);

interface Kind {
  type: string;
  name: string;
  label: string;
  unit: string;
  band?: [number, number];
}

/** The kinds charted, with their units; glucose with its target band (mg/dL). */
const kinds: Kind[] = [
  { type: "glucose", name: "Glucose", label: "Glycémie", unit: "mg/dL", band: [70, 180] },
  { type: "body-weight", name: "BodyWeight", label: "Poids", unit: "kg" },
  { type: "blood-pressure", name: "BloodPressure", label: "Tension artérielle", unit: "mmHg" },
  { type: "heart-rate", name: "HeartRate", label: "Fréquence cardiaque", unit: "/min" },
  { type: "steps", name: "Steps", label: "Nombre de pas", unit: "pas" },
];

interface Point {
  at: string;
  min: number;
  max: number;
  mean: number;
  count: number;
  secondaryMean?: number | null;
}

interface Latest {
  type: string;
  value: number;
  secondary?: number | null;
  unit: string;
  effectiveAt: string;
}

type Aggregation = "raw" | "hour" | "day";

const number = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** A chart per kind over the last 30 days (each reading, or per hour or day), the latest values, and new readings live. */
export function Measurements() {
  const [kind, setKind] = useState(kinds[0]);
  const [aggregation, setAggregation] = useState<Aggregation>("raw");
  const [points, setPoints] = useState<Point[] | null>(null);
  const [latest, setLatest] = useState<Latest[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [live, setLive] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
    Promise.all([
      api<Point[]>(`/api/v1/me/measurements/${kind.type}?aggregation=${aggregation}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`),
      api<Latest[]>("/api/v1/me/measurements/latest"),
    ]).then(
      ([series, last]) => (setPoints(series), setLatest(last), setError(null)),
      (e: Error) => setError(e),
    );
  }, [kind, aggregation, version]);

  useEffect(
    () =>
      listen("/api/v1/me/measurements/live", (type) => {
        if (type === "ready") setLive(true);
        if (type === "measurements") setVersion((v) => v + 1);
      }),
    [],
  );

  return (
    <section aria-labelledby="measurements-title">
      <h1 id="measurements-title">Mes mesures</h1>
      <p class="live" role="status">
        {live ? "Les nouvelles mesures s'affichent dès leur arrivée." : ""}
      </p>
      {error && <ErrorMessage error={error} />}
      <div class="card">
        <h2>Dernières valeurs</h2>
        {latest.length === 0 ? (
          <p>Aucune mesure pour l'instant.</p>
        ) : (
          <ul>
            {latest.map((l) => (
              <li key={l.type}>
                {kinds.find((k) => k.name === l.type)?.label ?? l.type} : {number.format(l.value)}
                {l.secondary != null && `/${number.format(l.secondary)}`} {l.unit}, le {formatMoment(l.effectiveAt)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="card">
        <fieldset class="filters">
          <legend>Mesure</legend>
          {kinds.map((k) => (
            <label key={k.type}>
              <input type="radio" name="kind" checked={k === kind} onChange={() => setKind(k)} />
              {k.label}
            </label>
          ))}
        </fieldset>
        <label class="field">
          Regroupement
          <select value={aggregation} onChange={(e) => setAggregation((e.currentTarget as HTMLSelectElement).value as Aggregation)}>
            <option value="raw">Chaque mesure</option>
            <option value="hour">Par heure</option>
            <option value="day">Par jour</option>
          </select>
        </label>
        {points && <SeriesChart kind={kind} points={points} />}
      </div>
    </section>
  );
}

function SeriesChart({ kind, points }: { kind: Kind; points: Point[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current || points.length === 0) return;
    const labels = points.map((p) => formatMoment(p.at));
    const outside = (v: number) => kind.band !== undefined && (v < kind.band[0] || v > kind.band[1]);
    const datasets: ChartDataset<"line", (number | null)[]>[] = [
      {
        label: `${kind.label} (${kind.unit})`,
        data: points.map((p) => p.mean),
        borderColor: "#000091",
        pointBackgroundColor: points.map((p) => (outside(p.mean) ? "#b3261e" : "#000091")),
        pointRadius: points.map((p) => (outside(p.mean) ? 6 : 3)),
      },
    ];
    if (points.some((p) => p.secondaryMean != null)) {
      datasets.push({ label: "Diastolique (mmHg)", data: points.map((p) => p.secondaryMean ?? null), borderColor: "#18753c" });
    }

    if (kind.band) {
      datasets.push(
        { label: `Cible basse (${kind.band[0]})`, data: points.map(() => kind.band![0]), borderColor: "#18753c", borderDash: [4, 4], pointRadius: 0, fill: "+1", backgroundColor: "rgba(24, 117, 60, 0.12)" },
        { label: `Cible haute (${kind.band[1]})`, data: points.map(() => kind.band![1]), borderColor: "#18753c", borderDash: [4, 4], pointRadius: 0 },
      );
    }

    const chart = new Chart(canvas.current, { type: "line", data: { labels, datasets }, options: { animation: false, responsive: true, maintainAspectRatio: false } });
    return () => chart.destroy();
  }, [kind, points]);

  if (points.length === 0) return <p>Aucune mesure de ce type ces 30 derniers jours.</p>;
  return (
    <>
      <div class="chart">
        <canvas ref={canvas} role="img" aria-label={`${kind.label} sur les 30 derniers jours : ${points.length} points, voir le tableau des valeurs`} />
      </div>
      <details>
        <summary>Tableau des valeurs</summary>
        <table>
          <caption>{kind.label}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Valeur ({kind.unit})</th>
              <th scope="col">Mesures</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.at}>
                <td>{formatMoment(p.at)}</td>
                <td>
                  {number.format(p.mean)}
                  {p.secondaryMean != null && `/${number.format(p.secondaryMean)}`}
                  {kind.band && (p.mean < kind.band[0] || p.mean > kind.band[1]) && " (hors cible)"}
                </td>
                <td>{p.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
