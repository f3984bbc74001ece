import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// Built into dist/, which the host serves at / (src/Api/Web): hashed file names under assets/ are cached for a year,
// index.html never. No inline script or style anywhere, so that the page's CSP can forbid them.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": "http://localhost:5080",
      "/connect": "http://localhost:5080",
      "/signin": "http://localhost:5080",
    },
  },
});
