/** "Administrator", "Editor": a role as staff read it. */
export const roleLabel = (role: string) => (role === "ADMIN" ? "Administrator" : role.charAt(0) + role.slice(1).toLowerCase());
