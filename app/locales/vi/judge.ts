// The judge's area (app/routes/judge*).
const judge = {
  title: "Chấm thi",
};
export default judge;
