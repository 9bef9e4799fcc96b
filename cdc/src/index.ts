export { systemTopics, type SystemTopics } from './system-topics.ts';
export { systemEvent, absentAsNull, type SystemEvent } from './events/system-event.ts';
export { hospitalNewsEvent, hospitalNewsTypes, type HospitalNewsEvent } from './events/hospital-news-event.ts';
export { deviceTokenRejectedEvent, type DeviceTokenRejectedEvent } from './events/device-token-rejected-event.ts';
export { headerText } from './header-text.ts';
export { SNAPSHOT_END_HEADER, SNAPSHOT_END, isSnapshotEndMarker } from './snapshot-end-marker.ts';
