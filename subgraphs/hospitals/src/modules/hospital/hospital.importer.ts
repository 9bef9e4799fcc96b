import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readLocalDataFile, type Rejection, type WarningGroup } from './localdata-file.ts';
import type { HospitalRow } from './localdata-row.ts';
import { beginImport, mergeStaged, stageRows, tidyIndexes, type MergeResult } from './register-merge.ts';
import type { CsvEncoding } from './text-encoding.ts';

/** Tuning and reporting of one import. */
export interface ImportOptions {
  /** False for a partial export (변동분): update what it lists, delist nothing. Default true. */
  fullExport?: boolean;
  /** Called as rows are read (every 500) and once before writing, for a terminal's progress line. */
  onProgress?: (progress: { phase: 'reading' | 'writing'; read: number }) => void;
}

/** The counts an import is judged by, in the order `--json` prints them. */
export interface ImportCounts {
  /** Data rows in the file, rejected ones included. */
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  delisted: number;
}

/** What an import did: the counts an operator reads, and the detail behind them. */
export interface ImportSummary extends ImportCounts {
  file: string;
  encoding: CsvEncoding;
  /** The export's date (its latest 최종수정시점); null when no row was usable. */
  exportVersion: Date | null;
  /** At least as new as every full export imported before: it listed and delisted, and could make news. */
  newest: boolean;
  previousExportVersion: Date | null;
  /** News events published for neighbours. */
  events: number;
  withoutCoordinates: number;
  rejections: Rejection[];
  warnings: WarningGroup[];
  seconds: number;
}

const NOTHING_MERGED: MergeResult = { inserted: 0, updated: 0, unchanged: 0, delisted: 0, events: 0, newest: false, previousExportVersion: null };

/**
 * Imports a LOCALDATA 동물병원 export (CP949 or UTF-8, either header generation) in ONE transaction: rows are
 * staged as the file is read (a batch goes to PostgreSQL while the next one is parsed), rejected ones reported
 * with their line numbers, then merged (register-merge.ts). An unreadable path or a file that is not this dataset
 * throws before anything is written; importing the same file again writes nothing.
 */
export async function importHospitals(em: EntityManager, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const startedAt = new Date();
  const { parsed, merged } = await em.fork().transactional(async (tx) => {
    await beginImport(tx);
    // One batch staging while the next is parsed; a failure surfaces at the next hand-over or at the end.
    let staging: Promise<void> = Promise.resolve();
    const onRows = (rows: HospitalRow[]) => {
      const previous = staging;
      staging = previous.then(() => stageRows(tx, rows));
      staging.catch(() => undefined);
      return previous;
    };
    const parsed = await readLocalDataFile(file, { onRows, onProgress: (read) => options.onProgress?.({ phase: 'reading', read }) });
    await staging;
    options.onProgress?.({ phase: 'writing', read: parsed.read });
    if (!parsed.exportVersion) return { parsed, merged: NOTHING_MERGED };
    const facts = { file: resolve(file), exportVersion: parsed.exportVersion, read: parsed.read, rejected: parsed.rejections.length, startedAt };
    return { parsed, merged: await mergeStaged(tx, facts, { fullExport: options.fullExport ?? true }) };
  });
  await tidyIndexes(em.fork(), merged.inserted + merged.updated, parsed.usable);
  return {
    read: parsed.read,
    inserted: merged.inserted,
    updated: merged.updated,
    unchanged: merged.unchanged,
    rejected: parsed.rejections.length,
    delisted: merged.delisted,
    file,
    encoding: parsed.encoding,
    exportVersion: parsed.exportVersion,
    newest: merged.newest,
    previousExportVersion: merged.previousExportVersion,
    events: merged.events,
    withoutCoordinates: parsed.withoutCoordinates,
    rejections: parsed.rejections,
    warnings: parsed.warnings,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
