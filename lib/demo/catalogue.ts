import { sql } from "drizzle-orm";
import { parseMoney } from "@/lib/money";
import type { DbOrTx } from "@/db/client";
import { products } from "@/db/schema";

type NewProduct = typeof products.$inferInsert;

const usd = (s: string) => parseMoney(s);

/**
 * A small, realistic catalogue. Pay-as-you-go prices are per increment (hour or day)
 * and unit; subscription prices are per month, with term discounts of 0/5/10/15 %.
 */
export const DEMO_CATALOGUE: NewProduct[] = [
  { id: "ecs.g7.large", nameEn: "Elastic compute g7.large (2 vCPU, 8 GiB)", nameZh: "云服务器 g7.large（2 核 8 GiB）", category: "compute", region: "ap-southeast-1", dataCenter: "Singapore SG1", billingMode: "payg_hourly", unitPrice: usd("0.096"), unitLabel: "instance-hour", protectionHours: 2, sortOrder: 10 },
  { id: "bms.c6.metal", nameEn: "Bare metal c6 (48 cores, 192 GiB)", nameZh: "裸金属服务器 c6（48 核 192 GiB）", category: "compute", region: "us-west-1", dataCenter: "Los Angeles LAX2", billingMode: "payg_daily", unitPrice: usd("38.40"), unitLabel: "server-day", protectionHours: 24, sortOrder: 20 },
  { id: "gpu.a10.xlarge", nameEn: "GPU instance A10 (8 vCPU, 1× A10)", nameZh: "GPU 云服务器 A10（8 核，1 × A10）", category: "compute", region: "ap-northeast-1", dataCenter: "Tokyo TYO3", billingMode: "payg_hourly", unitPrice: usd("1.45"), unitLabel: "instance-hour", protectionHours: 2, sortOrder: 30 },
  { id: "bw.premium.mbps", nameEn: "Premium bandwidth", nameZh: "精品带宽", category: "network", region: "ap-southeast-1", dataCenter: "Singapore SG1", billingMode: "payg_hourly", unitPrice: usd("0.0125"), unitLabel: "Mbps-hour", protectionHours: 2, sortOrder: 40 },
  { id: "eip.standard", nameEn: "Elastic IP address", nameZh: "弹性公网 IP", category: "network", region: "ap-southeast-1", dataCenter: "Singapore SG1", billingMode: "payg_hourly", unitPrice: usd("0.005"), unitLabel: "IP-hour", protectionHours: 24, sortOrder: 50 },
  { id: "slb.standard", nameEn: "Load balancer (standard)", nameZh: "负载均衡（标准型）", category: "network", region: "us-west-1", dataCenter: "Los Angeles LAX2", billingMode: "payg_hourly", unitPrice: usd("0.025"), unitLabel: "instance-hour", protectionHours: 2, sortOrder: 60 },
  { id: "oss.standard.gb", nameEn: "Object storage (standard)", nameZh: "对象存储（标准型）", category: "storage", region: "ap-southeast-1", dataCenter: "Singapore SG1", billingMode: "payg_daily", unitPrice: usd("0.00075"), unitLabel: "GB-day", metered: true, protectionHours: 24, sortOrder: 70 },
  { id: "ecs.g7.large.sub", nameEn: "Elastic compute g7.large, monthly", nameZh: "云服务器 g7.large（包年包月）", category: "compute", region: "ap-southeast-1", dataCenter: "Singapore SG1", billingMode: "subscription", unitPrice: usd("62.00"), unitLabel: "instance-month", protectionHours: 0, termDiscount3Bps: 500, termDiscount6Bps: 1000, termDiscount12Bps: 1500, family: "ecs.g7", rank: 1, sortOrder: 80 },
  { id: "ecs.g7.xlarge.sub", nameEn: "Elastic compute g7.xlarge, monthly", nameZh: "云服务器 g7.xlarge（包年包月）", category: "compute", region: "ap-southeast-1", dataCenter: "Singapore SG1", billingMode: "subscription", unitPrice: usd("124.00"), unitLabel: "instance-month", protectionHours: 0, termDiscount3Bps: 500, termDiscount6Bps: 1000, termDiscount12Bps: 1500, family: "ecs.g7", rank: 2, sortOrder: 85 },
  { id: "bms.c6.metal.sub", nameEn: "Bare metal c6, monthly", nameZh: "裸金属服务器 c6（包年包月）", category: "compute", region: "us-west-1", dataCenter: "Los Angeles LAX2", billingMode: "subscription", unitPrice: usd("990.00"), unitLabel: "server-month", protectionHours: 0, termDiscount3Bps: 500, termDiscount6Bps: 1000, termDiscount12Bps: 1500, family: "bms.c6", rank: 1, sortOrder: 90 },
];

/** Inserts or refreshes the demo catalogue; running it twice changes nothing. */
export async function seedCatalogue(db: DbOrTx): Promise<void> {
  await db
    .insert(products)
    .values(DEMO_CATALOGUE)
    .onConflictDoUpdate({
      target: products.id,
      set: {
        nameEn: sql`excluded.name_en`,
        nameZh: sql`excluded.name_zh`,
        category: sql`excluded.category`,
        region: sql`excluded.region`,
        dataCenter: sql`excluded.data_center`,
        billingMode: sql`excluded.billing_mode`,
        unitPrice: sql`excluded.unit_price`,
        unitLabel: sql`excluded.unit_label`,
        metered: sql`excluded.metered`,
        protectionHours: sql`excluded.protection_hours`,
        termDiscount1Bps: sql`excluded.term_discount_1_bps`,
        termDiscount3Bps: sql`excluded.term_discount_3_bps`,
        termDiscount6Bps: sql`excluded.term_discount_6_bps`,
        termDiscount12Bps: sql`excluded.term_discount_12_bps`,
        family: sql`excluded.family`,
        rank: sql`excluded.rank`,
        sortOrder: sql`excluded.sort_order`,
      },
    });
}
