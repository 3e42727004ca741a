import { formatRelative, formatTime, useNow } from './time';

/** "3 min ago", as a <time> whose title is the exact time. */
export function TimeAgo({ time, everyMs = 15_000 }: { time: string; everyMs?: number }) {
  const now = useNow(everyMs);
  return (
    <time dateTime={time} title={formatTime(time)}>
      {formatRelative(time, now)}
    </time>
  );
}
