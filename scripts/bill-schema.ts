/** Prints the JSON Schema of the bill file: `npx tsx scripts/bill-schema.ts > schemas/bill.schema.json`. */
import { billFileJsonSchema } from '../x12/837p/input-schema';

const schema = { $id: 'https://secondary-claims-engine.local/schemas/bill.schema.json', ...(billFileJsonSchema() as object) };
process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
