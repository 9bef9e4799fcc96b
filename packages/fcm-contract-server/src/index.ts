export {
  startFcmContractServer,
  type FcmContractServer,
  type FcmContractServerOptions,
  type ReceivedMessage,
  type ContractSummary,
} from './fcm-contract-server.ts';
export {
  behaviourOf,
  validateSendBody,
  fcmError,
  QuotaWindow,
  MAX_PAYLOAD_BYTES,
  type TokenBehaviour,
  type FcmErrorCode,
  type ContractAnswer,
} from './fcm-contract.ts';
export { GOOGLE_HOSTS } from './local-google-certificate.ts';
export { startFcmContractProcess, type FcmContractProcess } from './fcm-contract-process.ts';
