// The contest editor: settings, rules, categories and prize tiers (app/routes/organize.$contestId.settings*, .categories*).
const editor = {
  title: "Thể lệ và cài đặt",
};
export default editor;
