import type { FixProvider } from "./context";

export const betaVectorStoreFixes: FixProvider = () => [];
