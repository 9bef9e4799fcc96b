/** Licence statuses as the API names them, in LOCALDATA's 영업상태구분코드 order (01..04). */
export const hospitalStatuses = ['OPEN', 'SUSPENDED', 'CLOSED', 'REVOKED'] as const;

/** A licence status as the API names it. */
export type HospitalStatus = (typeof hospitalStatuses)[number];

const byCode: Record<string, HospitalStatus> = { '01': 'OPEN', '02': 'SUSPENDED', '03': 'CLOSED', '04': 'REVOKED' };

/** The status for a 영업상태구분코드 ("01".."04", a lone digit tolerated); undefined for any other code. */
export function statusFromCode(code: string): HospitalStatus | undefined {
  return byCode[code.trim().padStart(2, '0')];
}

/** The 영업상태구분코드 of a status. */
export function codeOfStatus(status: HospitalStatus): string {
  return `0${hospitalStatuses.indexOf(status) + 1}`;
}
