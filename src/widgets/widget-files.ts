import { join } from 'node:path';

/**
 * The folder of the dashboard's and widgets' browser files. It sits beside this module both in
 * `src/` (tests run from source) and in `dist/` (nest-cli copies it there as an asset).
 */
export const WIDGET_FILES_DIR = join(import.meta.dirname, 'public');
