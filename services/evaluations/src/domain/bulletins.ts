import type { Decider, Decision } from '@ledger/decider';
import { accept, refuse } from '@ledger/decider';
import type { BulletinPublished, BulletinPublishedData, EventOf } from '@ledger/events';
import { checkNotFuture } from '@ledger/rules-kit';

/** Publish a bulletin [通报] (SPEC 12). `now` is the caller's clock, as data. */
export interface PublishBulletin {
  bulletinId: string;
  kind: BulletinPublishedData['kind'];
  title: string;
  body: string;
  subjects: BulletinPublishedData['subjects'];
  corrects?: string;
  now: string;
  /** Subjects the caller did not find in the registry, by their place in `subjects`, e.g. `subjects.1.personId`. */
  unknownSubjects: readonly string[];
  /** Looked up by the caller when `corrects` is given. */
  correctedExists?: boolean;
}

export type BulletinEvent = EventOf<typeof BulletinPublished>;
export const bulletinStream = (bulletinId: string): string => `bulletin-${bulletinId}`;

export interface BulletinState {
  bulletin?: BulletinPublishedData;
}

export function evolveBulletin(state: BulletinState, event: BulletinEvent): BulletinState {
  return event.type === 'BulletinPublished' ? { bulletin: event.data } : state;
}

/** A published bulletin never changes: publishing it again is a conflict; a correction is a new bulletin that names it. */
export function decidePublishBulletin(command: PublishBulletin, state: BulletinState): Decision<BulletinEvent> {
  if (state.bulletin) {
    return refuse('conflict', 'bulletin-already-published', `bulletin ${command.bulletinId} is published and cannot be changed; publish a correction instead`);
  }
  if (command.title.trim() === '') return refuse('rule', 'blank-field', 'title must not be empty', 'title');
  if (command.body.trim() === '') return refuse('rule', 'blank-field', 'body must not be empty', 'body');
  const unknown = command.unknownSubjects[0];
  if (unknown !== undefined) return refuse('rule', 'unknown-subject', `${unknown} is not in the registry`, unknown);
  if (command.corrects !== undefined && command.correctedExists !== true) {
    return refuse('rule', 'unknown-bulletin', `bulletin ${command.corrects} was never published; a correction names a published bulletin`, 'corrects');
  }
  if (command.corrects === command.bulletinId) return refuse('rule', 'corrects-itself', 'a bulletin cannot correct itself', 'corrects');
  const time = checkNotFuture(command.now, 'publishedAt', command.now);
  if (time) return refuse(time);
  return accept({
    type: 'BulletinPublished',
    data: {
      bulletinId: command.bulletinId,
      kind: command.kind,
      title: command.title,
      body: command.body,
      subjects: command.subjects,
      ...(command.corrects === undefined ? {} : { corrects: command.corrects }),
      publishedAt: command.now,
    },
  });
}

export const bulletinDecider: Decider<PublishBulletin, BulletinState, BulletinEvent> = {
  initialState: {},
  evolve: evolveBulletin,
  decide: decidePublishBulletin,
};
