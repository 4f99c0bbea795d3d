import NextAuth from "next-auth";
import { authConfig } from "./config";

// Lazy config: the secret and database are resolved on the first request, not at build.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());
