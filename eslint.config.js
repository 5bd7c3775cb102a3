import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "src/db/generated/", "src/db/generated-pg/", ".tmp/", "data/", "coverage/", "dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
      // Prettier wraps code at 120 columns; a literal text it cannot break may run past, nothing else.
      "max-len": [
        "error",
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  // The layers (README, Layout): only the application layer (src/services), the outbox (src/delivery), the leader
  // lease (src/coordination) and the database module itself touch the database; the composition roots construct it
  // and pass it in.
  {
    files: ["src/**/*.ts"],
    ignores: [
      "src/db/**",
      "src/services/**",
      "src/delivery/**",
      "src/coordination/**",
      "src/main.ts",
      "src/app.ts",
      "src/cli/main.ts",
      "src/demo/demo.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/db/*", "**/db/generated/**", "**/db/generated-pg/**", "@prisma/*", "better-sqlite3", "pg"],
              message:
                "Only src/services, src/delivery, src/coordination and src/db reach the database: call a service.",
            },
          ],
        },
      ],
    },
  },
  // Domain rules are plain functions: no database, no services, no surfaces.
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/db/*", "**/services/*", "**/bot/*", "**/cli/*", "**/delivery/*", "**/messaging/*"],
              message: "src/domain holds plain rules: pass data in, return data out.",
            },
          ],
        },
      ],
    },
  },
);
