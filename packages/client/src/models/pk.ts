/** What HAC's PK analyzer says about a primary key. */
export interface PkAnalysis {
  pkString: string;
  /** The type code encoded in the PK, or `null` when the PK is not valid. */
  typeCode: number | null;
  /** The type's code name (`Product`), when HAC reports it. */
  typeName: string | null;
  /** Creation time encoded in the PK: ISO 8601 when HAC sends a timestamp, else HAC's text; `null` when unknown. */
  creationDate: string | null;
  /** Every field of HAC's answer as sent. */
  raw: Record<string, unknown>;
}
