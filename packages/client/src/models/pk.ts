/** What HAC's PK analyzer says about a primary key (`POST /platform/pkanalyzer/analyze`). */
export interface PkAnalysis {
  pkString: string;
  /** `false` when HAC could not analyse the PK (it sent `possibleException`); `error` then says why. */
  success: boolean;
  /** HAC's `possibleException.message` when the PK could not be analysed, else `null`. */
  error: string | null;
  /** The type code encoded in the PK (`pkTypeCode`), or `null`. */
  typeCode: number | null;
  /** The composed type's code (`pkComposedTypeCode`, e.g. `Product`), or `null` when HAC does not know it. */
  typeName: string | null;
  /**
   * Creation time encoded in the PK: ISO 8601 from HAC's `pkCreationTime` (epoch milliseconds) when
   * sent, else HAC's `pkCreationDate` text; `null` when unknown (counter-based PKs carry none).
   */
  creationDate: string | null;
  /** The cluster id encoded in the PK (`pkClusterId`), or `null`. */
  clusterId: number | null;
  /** `true` for a counter-based PK, `false` for a UUID-based one, `null` when HAC does not say. */
  counterBased: boolean | null;
  /** Every field of HAC's answer as sent (`bits`, `pkMilliCnt` …). */
  raw: Record<string, unknown>;
}
