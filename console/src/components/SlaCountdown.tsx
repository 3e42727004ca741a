import { formatDuration, useNow } from './time';

/**
 * Time left before a held request breaks its review SLA, or how long it is over. Says it in words
 * (never colour alone) and ticks every second.
 */
export function SlaCountdown({ since, slaMinutes }: { since: string; slaMinutes: number }) {
  const now = useNow(1000);
  const deadline = Date.parse(since) + slaMinutes * 60_000;
  const left = deadline - now;
  const over = left < 0;
  const soon = !over && left < Math.min(5 * 60_000, (slaMinutes * 60_000) / 4);
  return (
    <span className={`sla ${over ? 'sla-over' : soon ? 'sla-soon' : 'sla-ok'}`} data-testid="sla-countdown">
      {over ? `over SLA by ${formatDuration(left)}` : `${formatDuration(left)} left`}
    </span>
  );
}
