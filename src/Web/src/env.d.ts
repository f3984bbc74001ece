// Vite turns a CSS import into a stylesheet of the build.
declare module "*.css";
