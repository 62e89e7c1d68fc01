import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Served by the IsoDienTu server at /designer (wwwroot/designer; the server falls back to index.html).
export default defineConfig({
  base: '/designer/',
  build: {
    outDir: fileURLToPath(new URL('../engine/IsoDienTu.Server/wwwroot/designer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:5080' },
  },
});
