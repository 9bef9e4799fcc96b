import { defineEventHandler } from '@petcare/cdc-consumer';
import { hospitalNewsEvent, type HospitalNewsEvent } from '@petcare/cdc';
import { enqueuePush } from '../push/push-request.ts';

/** What neighbours read about a hospital's news, in the app's words. */
export function hospitalNewsText(event: HospitalNewsEvent): { title: string; body: string } {
  const place = event.address ? `${event.name} · ${event.address}` : event.name;
  const roundTheClock = event.open24Hours ? ' 24시간 진료하는 병원이에요.' : '';
  switch (event.type) {
    case 'HOSPITAL_OPENED':
      return { title: `새 동물병원: ${event.name}`, body: `${place} — 새로 문을 열었어요.${roundTheClock}` };
    case 'HOSPITAL_REOPENED':
      return { title: `${event.name} 다시 문을 열었어요`, body: `${place} — 다시 진료를 시작했어요.${roundTheClock}` };
    case 'HOSPITAL_CLOSED':
      return event.status === 'SUSPENDED'
        ? { title: `${event.name} 휴업 소식`, body: `${place} — 잠시 문을 닫았어요. 방문 전에 꼭 확인하세요.` }
        : { title: `${event.name} 폐업 소식`, body: `${place} — 문을 닫았어요. 가까운 다른 병원을 찾아 두세요.` };
    case 'HOSPITAL_CONFIRMED_24H':
      return { title: `${event.name}, 24시간 진료 확인`, body: `${place} — 24시간 진료하는 것을 확인했어요. 밤늦게 아플 때를 대비해 두세요.` };
  }
}

/**
 * Tells everyone verified in a hospital's 행정동 about its news (HOSPITAL_UPDATE), once per event: the event id
 * names the push job, so a redelivered event (or one re-routed after a connector restart) sends nothing twice.
 * News of a hospital outside the loaded 행정동 has nobody to tell.
 */
export const hospitalNewsHandler = (topic: string) =>
  defineEventHandler({
    topic,
    event: hospitalNewsEvent,
    apply: async (em, events) => {
      for (const event of events) {
        if (!event.neighborhoodCode) continue;
        await enqueuePush(em, {
          audience: { neighborhoodCode: event.neighborhoodCode },
          kind: 'HOSPITAL_UPDATE',
          ...hospitalNewsText(event),
          data: { hospitalId: event.hospitalId, neighborhoodCode: event.neighborhoodCode, news: event.type },
          dedupeKey: `hospital-news:${event.id}`,
        });
      }
    },
  });
