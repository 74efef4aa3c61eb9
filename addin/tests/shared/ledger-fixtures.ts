// Items of the rectification ledger as the API answers them, for the ledger's tests.
import type { RectificationItem } from "../../src/shared/api";

export function ledgerItem(id: string, extra: Partial<RectificationItem> = {}): RectificationItem {
  return {
    id,
    campaignId: "c1",
    unitId: "u1",
    unitCode: "D01",
    unitName: "教育局",
    indicatorCode: "2.1.1",
    indicatorName: "机构设置规范",
    category: "Structure",
    categoryZh: "机构设置",
    description: `问题 ${id}`,
    requirement: `整改要求 ${id}`,
    deadline: "2027-06-30",
    responsiblePerson: null,
    source: "Manual",
    sourceZh: "手工录入",
    sourceRef: null,
    status: "Open",
    statusZh: "待整改",
    revision: 1,
    overdue: false,
    daysOverdue: 0,
    awaitingVerification: false,
    createdAt: "2027-01-10T02:00:00Z",
    updatedAt: "2027-01-10T02:00:00Z",
    closedAt: null,
    evidence: [],
    actions: [],
    ...extra,
  };
}
