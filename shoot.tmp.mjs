import { chromium } from "@playwright/test";
const base = "http://localhost:3300";
const [email, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(base + "/login");
await page.getByLabel("Địa chỉ e-mail", { exact: true }).fill(email);
await page.getByLabel("Mật khẩu", { exact: true }).fill("demo-password-2026");
await page.getByRole("main").getByRole("button", { name: "Đăng nhập" }).click();
await page.waitForLoadState("networkidle");
for (const p of paths) {
  const [path, name] = p.split("=");
  await page.goto(base + path);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log(name, page.url(), await page.title());
}
await browser.close();
