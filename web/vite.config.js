// Builds src/webform.js into the collect app's static files. The output is committed so a
// server needs no Node.js; `make webform` rebuilds it after package.json changes.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const outDir = fileURLToPath(
  new URL('../src/coalition/collect/static/collect/webform/', import.meta.url),
);

export default defineConfig({
  // Chunks are loaded relative to the entry module, wherever STATIC_URL points.
  base: './',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The engine is big by nature; it loads only on the form-filling page.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: fileURLToPath(new URL('./src/webform.js', import.meta.url)),
      output: {
        entryFileNames: 'webform.js',
        chunkFileNames: '[name]-[hash].js',
        assetFileNames: '[name]-[hash][extname]',
      },
    },
  },
});
