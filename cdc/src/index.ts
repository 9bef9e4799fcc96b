export { systemTopics, type SystemTopics } from './system-topics.ts';
