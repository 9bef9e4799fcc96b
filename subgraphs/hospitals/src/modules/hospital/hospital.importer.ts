import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readLocalDataFile, type Rejection, type WarningGroup } from './localdata-file.ts';
import { mergeExport } from './register-merge.ts';
import type { CsvEncoding } from './text-encoding.ts';

/** Tuning and reporting of one import. */
export interface ImportOptions {
  /** False for a partial export (변동분): update what it lists, delist nothing. Default true. */
  fullExport?: boolean;
  /** Called as rows are read (every 500) and once before writing, for a terminal's progress line. */
  onProgress?: (progress: { phase: 'reading' | 'writing'; read: number }) => void;
}

/** What an import did: the counts an operator reads (`--json` prints the first six), and the detail behind them. */
export interface ImportSummary {
  /** Data rows in the file, rejected ones included. */
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  delisted: number;
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

/**
 * Imports a LOCALDATA 동물병원 export (CP949 or UTF-8, either header generation): reads the whole file first
 * (rejecting unusable rows with their line numbers; an unreadable path or a file that is not this dataset
 * throws before anything is written), then merges it in one transaction (register-merge.ts). Importing the same
 * file again writes nothing.
 */
export async function importHospitals(em: EntityManager, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const startedAt = new Date();
  const parsed = await readLocalDataFile(file, (read) => options.onProgress?.({ phase: 'reading', read }));
  options.onProgress?.({ phase: 'writing', read: parsed.read });
  const rejected = parsed.rejections.length;
  const merged = parsed.exportVersion
    ? await mergeExport(
        em,
        parsed.rows,
        { file: resolve(file), exportVersion: parsed.exportVersion, read: parsed.read, rejected, startedAt },
        { fullExport: options.fullExport ?? true },
      )
    : { inserted: 0, updated: 0, unchanged: 0, delisted: 0, events: 0, newest: false, previousExportVersion: null };
  return {
    read: parsed.read,
    inserted: merged.inserted,
    updated: merged.updated,
    unchanged: merged.unchanged,
    rejected,
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
