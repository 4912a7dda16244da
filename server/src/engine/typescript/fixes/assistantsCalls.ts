import type { FixProvider } from "./context";

export const assistantsCallFixes: FixProvider = () => [];
