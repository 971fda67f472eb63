## The cross-walk: other instruments' criteria a practice also evidences

crosswalk-triangle-of-care = Triangle of Care
crosswalk-four-pi = 4Pi National Involvement Standards
crosswalk-imroc = ImROC organisational challenges
crosswalk-toc-1 = Carers and their essential role are identified at first contact, or as soon as possible after
crosswalk-toc-2 = Staff are carer aware and trained in working with carers
crosswalk-toc-3 = Policy and practice on confidentiality and sharing information with carers are in place
crosswalk-toc-4 = There are defined posts responsible for carers
crosswalk-toc-5 = Carers are introduced to the service and its staff, with information across the care pathway
crosswalk-toc-6 = A range of support for carers is available
crosswalk-4pi-principles = Principles: involvement rests on shared values and respect
crosswalk-4pi-purpose = Purpose: people know why they are involved and what it is for
crosswalk-4pi-presence = Presence: the right people, from every group, are involved
crosswalk-4pi-process = Process: involvement is accessible, supported and fairly paid
crosswalk-4pi-impact = Impact: involvement makes a difference, and people are told what it was
crosswalk-imroc-1 = Changing day-to-day interactions and the quality of people's experience
crosswalk-imroc-2 = Education and training led and delivered with people who use services
crosswalk-imroc-3 = A recovery college
crosswalk-imroc-4 = Commitment across the organisation: a recovery culture
crosswalk-imroc-5 = More personal choice and control
crosswalk-imroc-6 = A new approach to risk, planned with the person
crosswalk-imroc-7 = Redefining how people who use services are involved
crosswalk-imroc-8 = Peer workers in the workforce
crosswalk-imroc-9 = Supporting staff in their own well-being and recovery
crosswalk-imroc-10 = Life beyond illness: opportunities in the community

crosswalk-practice-title = Also evidence for other reviews
crosswalk-note = This is Cairn's reading of each instrument: check it against the instrument itself before a review.
crosswalk-service-title = Evidence for other reviews
crosswalk-service-intro = Choose a review to see its criteria, the practices of the model that give evidence for each, and how many units have each practice in place.
crosswalk-choose = Review
crosswalk-choose-blank = Choose a review
crosswalk-show = Show
crosswalk-col-criterion = Criterion
crosswalk-col-practices = Practices that give evidence for it
crosswalk-in-place = in place on { $in_place } of { $units ->
    [one] { $units } unit
   *[other] { $units } units
}
