/**
 * Activity over time as hand-drawn SVG bars. The picture is one image with a text summary;
 * the same numbers are in a table for anyone who cannot see it.
 */
import { useId } from 'react';
import { t } from '../../i18n/index.ts';
import { formatDate } from '../../ui/status.tsx';

export interface ActivityDay {
  date: string;
  messages: number;
}

const BAR = 18;
const GAP = 6;
const HEIGHT = 120;
const LABEL = 18;

export function ActivityChart({ days }: { days: ActivityDay[] }) {
  const id = useId();
  if (days.length === 0) return <p className="muted">{t.progress.activityEmpty}</p>;
  const max = Math.max(1, ...days.map((d) => d.messages));
  const total = days.reduce((n, d) => n + d.messages, 0);
  const width = days.length * (BAR + GAP) + GAP;
  return (
    <figure className="activity-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${HEIGHT + LABEL}`}
        width="100%"
        height={HEIGHT + LABEL}
        preserveAspectRatio="xMinYMax meet"
      >
        <title id={`${id}-title`}>{t.progress.activityCaption}</title>
        <desc id={`${id}-desc`}>{t.progress.activitySummary(days.length, total)}</desc>
        <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} className="activity-chart__axis" />
        {days.map((d, i) => {
          const h = Math.max(2, (d.messages / max) * (HEIGHT - 8));
          const x = GAP + i * (BAR + GAP);
          return (
            <g key={d.date}>
              <rect x={x} y={HEIGHT - h} width={BAR} height={h} rx={3} className="activity-chart__bar">
                <title>{t.progress.activityBar(formatDate(d.date), d.messages)}</title>
              </rect>
              {i === 0 || i === days.length - 1 ? (
                <text x={x + BAR / 2} y={HEIGHT + LABEL - 4} textAnchor="middle" className="activity-chart__label">
                  {d.date.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <details>
          <summary>{t.progress.showTable}</summary>
          <table className="data-table">
            <caption className="visually-hidden">{t.progress.activityCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.progress.date}</th>
                <th scope="col">{t.progress.messages}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <td>{formatDate(d.date)}</td>
                  <td>{d.messages}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
