// The overview's charts. Each chart has its numbers as a table one click away (for screen readers
// and for people who want the figures), and actions are told apart by pattern-free but labelled
// colours with a legend.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Overview } from '../../api/types';

export const ACTION_ORDER = ['allow', 'warn', 'redact', 'route', 'hold', 'block'] as const;
export const ACTION_COLOUR: Record<(typeof ACTION_ORDER)[number], string> = {
  allow: '#15803d',
  warn: '#ca8a04',
  redact: '#7c3aed',
  route: '#2563eb',
  hold: '#ea580c',
  block: '#b91c1c',
};

function bucketLabel(iso: string, bucket: 'hour' | 'day'): string {
  const d = new Date(iso);
  return bucket === 'hour' ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

function Figure({ title, id, children, table }: { title: string; id: string; children: React.ReactNode; table: React.ReactNode }) {
  return (
    <figure className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {title}
      </h2>
      <div className="chart" aria-hidden="true">
        {children}
      </div>
      <details>
        <summary>Show as a table</summary>
        {table}
      </details>
    </figure>
  );
}

export function DecisionsChart({ data }: { data: Overview }) {
  const rows = data.decisions.map((b) => ({ label: bucketLabel(b.start, data.bucket), ...b.actions, total: b.total }));
  return (
    <Figure
      id="decisions-chart"
      title={`Decisions per ${data.bucket} by action`}
      table={
        <table className="data-table">
          <caption className="visually-hidden">Decisions per {data.bucket} by action</caption>
          <thead>
            <tr>
              <th scope="col">{data.bucket === 'hour' ? 'Hour' : 'Day'}</th>
              {ACTION_ORDER.map((a) => (
                <th scope="col" key={a} className="numeric">
                  {a}
                </th>
              ))}
              <th scope="col" className="numeric">
                total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.label}</th>
                {ACTION_ORDER.map((a) => (
                  <td key={a} className="numeric">
                    {r[a]}
                  </td>
                ))}
                <td className="numeric">{r.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={12} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
          <Tooltip />
          <Legend formatter={(v) => <span className="legend-text">{v}</span>} />
          {ACTION_ORDER.map((a) => (
            <Bar key={a} dataKey={a} stackId="actions" fill={ACTION_COLOUR[a]} name={a} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </Figure>
  );
}

export function RankChart({ id, title, rows, nameHeader, colour }: { id: string; title: string; rows: Array<{ name: string; count: number }>; nameHeader: string; colour: string }) {
  return (
    <Figure
      id={id}
      title={title}
      table={
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{nameHeader}</th>
              <th scope="col" className="numeric">
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <th scope="row" className="mono">
                  {r.name}
                </th>
                <td className="numeric">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {rows.length === 0 ? (
        <p className="state">Nothing in this period.</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="count" fill={colour} name="count" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </Figure>
  );
}
