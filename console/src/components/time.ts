// Times as people read them: "3 min ago", "in 12 min", with the exact time one hover away.
import { useEffect, useState } from 'react';

/** The current time, updated every `everyMs` (one timer per component that asks). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(Math.abs(ms) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "3 min ago" or "in 3 min". */
export function formatRelative(time: string | number, now: number): string {
  const t = typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(t)) return String(time);
  const diff = t - now;
  if (Math.abs(diff) < 5000) return 'just now';
  return diff < 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(diff)}`;
}

/** The exact local time, for titles and tables. */
export function formatTime(time: string | number): string {
  const d = new Date(time);
  return Number.isNaN(d.getTime()) ? String(time) : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
