import type { FixProvider } from "./context";

export const sequentialLoopFixes: FixProvider = () => [];

export const unboundedConcurrencyFixes: FixProvider = () => [];
