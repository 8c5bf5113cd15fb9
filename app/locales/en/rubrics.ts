import type { Translation } from "../types";
import type vi from "../vi/rubrics";

const rubrics: Translation<typeof vi> = {
  errors: {
    rubricNameRequired: "Please enter the rubric's name.",
    nameRequired: "Please enter the criterion's name.",
    nameTooLong: "The name is too long (at most {{max}} characters).",
    descriptionTooLong: "The description is too long (at most {{max}} characters).",
    notANumber: "Please enter a number.",
    maxPointsRequired: "Please enter the maximum points.",
    maxPointsPositive: "The maximum must be greater than 0.",
    maxPointsTooLarge: "The maximum cannot exceed {{max}}.",
    stepRequired: "Please enter the step.",
    stepPositive: "The step must be greater than 0.",
    stepNotDivisor: "The maximum must be a multiple of the step (for example: maximum 25, step 0.5).",
    weightRequired: "Please enter the weight.",
    weightNegative: "The weight cannot be negative.",
    noPositiveWeight: "At least one criterion needs a weight greater than 0.",
    tooFewCriteria: "A rubric needs at least one criterion.",
    tooManyCriteria: "A rubric has at most {{max}} criteria.",
    levelLabelRequired: "Please enter the level's name.",
    levelLabelTooLong: "The level's name is too long (at most {{max}} characters).",
    levelOutOfRange: "A level's range must lie between 0 and the maximum, its lower bound not above its upper bound.",
    tooManyLevels: "A criterion has at most {{max}} levels.",
    invalid: "The rubric is not valid yet; please check the marked fields.",
    notFound: "The rubric was not found.",
    changedMeanwhile: "Someone else has just saved this rubric. Reload the page to see the latest version, then make your changes again.",
  },
};
export default rubrics;
