// Writes docs/SQL.md from the dataset SQL catalogue.
import { writeFileSync } from 'node:fs';
import { renderCatalogue } from '../src/services/iotanalytics/datasets/sql/catalogue/index.ts';

writeFileSync(new URL('../docs/SQL.md', import.meta.url), renderCatalogue());
