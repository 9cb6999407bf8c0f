import { useI18n } from '../i18n/i18n.tsx';
import { formatDueDay } from './time.ts';

/** The deadline fields of a history step that moved one: a rectification item's, or a bad-review case's verify-by. */
const movedFields = [
  { previous: 'previousDeadline', next: 'deadline' },
  { previous: 'previousVerifyBy', next: 'verifyBy' },
] as const;

/**
 * A history line's old and new due day when the step moved a deadline (RectificationDeadlineMoved,
 * BadReviewDeadlineMoved: a working-day calendar recorded later), as local days of the ledger's calendar.
 */
export function MovedDeadline({ step }: { step: Record<string, unknown> }) {
  const { t, locale } = useI18n();
  const fields = movedFields.find(({ previous, next }) => typeof step[previous] === 'string' && typeof step[next] === 'string');
  if (!fields) return null;
  const from = formatDueDay(step[fields.previous] as string, locale);
  const to = formatDueDay(step[fields.next] as string, locale);
  return <div data-testid="moved-deadline">{t('history.deadlineMoved', { from, to })}</div>;
}
