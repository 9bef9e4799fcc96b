import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_ACCOUNT } from '@petcare/service-kit/development';
import { Alert } from './alert.entity.ts';
import { createAlert, type NewAlert } from './alert.repository.ts';

const HOUR = 3600 * 1000;

interface DemoAlert extends Omit<NewAlert, 'userId' | 'createdAt' | 'dedupeKey'> {
  dedupeKey: string;
  hoursAgo: number;
  /** Seeded as already read, so the inbox shows both states. */
  read: boolean;
}

const neighborhood = { neighborhoodCode: DEMO_ACCOUNT.neighborhoodCode };

const demoAlerts: DemoAlert[] = [
  {
    dedupeKey: 'demo:welcome',
    kind: 'SYSTEM',
    title: '펫케어에 오신 것을 환영해요 🐾',
    body: `${DEMO_ACCOUNT.displayName}님, 동네를 인증하면 우리 동네 동물병원과 이웃 소식을 알림으로 받아볼 수 있어요.`,
    hoursAgo: 72,
    read: true,
  },
  {
    dedupeKey: 'demo:verified',
    kind: 'SYSTEM',
    title: '역삼2동 동네인증이 완료됐어요',
    body: '이제 역삼2동 이웃들의 소식과 근처 동물병원 정보를 볼 수 있어요. 인증은 30일 동안 유지돼요.',
    data: neighborhood,
    hoursAgo: 71,
    read: true,
  },
  {
    dedupeKey: 'demo:neighborhood-notice',
    kind: 'NEIGHBORHOOD_NOTICE',
    title: '역삼2동 반려동물 등록 안내',
    body: '이번 주 토요일 역삼2동 주민센터에서 반려견 내장형 칩 등록을 도와드려요. 신분증을 챙겨 오세요.',
    data: neighborhood,
    hoursAgo: 20,
    read: false,
  },
  {
    dedupeKey: 'demo:hospital-update',
    kind: 'HOSPITAL_UPDATE',
    title: '근처에 24시 동물병원이 있어요',
    body: '역삼2동에서 가까운 24시 동물병원 정보가 업데이트됐어요. 밤늦게 아플 때를 대비해 지도에서 확인해 두세요.',
    data: neighborhood,
    hoursAgo: 3,
    read: false,
  },
];

/** How a seed run went: alerts written now, and alerts a previous run had already written. */
export interface DemoAlertsResult {
  created: number;
  existing: number;
}

/**
 * Writes the demo account's inbox in one transaction. Idempotent through the dedupe keys: a re-run writes
 * nothing and leaves what the user has read or not since then alone.
 */
export async function seedDemoAlerts(em: EntityManager, now = new Date()): Promise<DemoAlertsResult> {
  return em.transactional(async (tx) => {
    let created = 0;
    for (const { hoursAgo, read, ...alert } of demoAlerts) {
      const createdAt = new Date(now.getTime() - hoursAgo * HOUR);
      const id = await createAlert(tx, { ...alert, userId: DEMO_ACCOUNT.userId, createdAt });
      if (!id) continue;
      created += 1;
      if (read) await tx.nativeUpdate(Alert, { id }, { readAt: new Date(createdAt.getTime() + HOUR) });
    }
    return { created, existing: demoAlerts.length - created };
  });
}
