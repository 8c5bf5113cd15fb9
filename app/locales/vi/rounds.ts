// Rounds, panels and assignment screens (app/routes/organize.$contestId.rounds*).
const rounds = {
  title: "Vòng chấm và tiểu ban",
};
export default rounds;
