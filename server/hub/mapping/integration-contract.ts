import type { SourceMapping } from "./source-mapping.ts";

// integration_contract: notices about the contracts the units integrate by.

const V1: SourceMapping = {
  ContractChanged: {
    1: (data, ref) => ({
      type: "ContractChanged",
      ref,
      occurredAt: new Date(data.effectiveAt),
      cityCode: null,
      orderRef: null,
      subjects: {},
      details: { contract: data.contract, version: data.version, change: data.change, summary: data.summary },
    }),
  },
};

export const INTEGRATION_CONTRACT_MAPPINGS: Record<number, SourceMapping> = { 1: V1 };
