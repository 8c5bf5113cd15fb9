// Team management, conflicts of interest screens (app/routes/organize.$contestId.team*, .conflicts*).
const team = {
  title: "Thành viên",
};
export default team;
